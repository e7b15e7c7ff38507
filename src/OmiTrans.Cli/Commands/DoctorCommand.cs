using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace OmiTrans.Cli.Commands;

/// <summary>
/// omitrans doctor: checks that this machine computes what OmiTrans trains with correctly (every convolution layer and
/// both convolutional networks against float64, the linear layers in float32 and bfloat16) and reports whether
/// libtorch's own convolution gradient is right here. Exit code 1 when a check fails.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var json = CliOptions.Flag("--json", "Print the report as JSON.");
        var command = new Command("doctor", "Check this machine's numerics: the values and gradients of every layer OmiTrans trains, against float64 references (a few seconds).") { json };
        command.SetAction((result, cancellationToken) =>
        {
            var report = NumericsCheck.Run(cancellationToken);
            if (result.GetValue(json))
            {
                Terminal.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    passed = report.Passed,
                    libtorchConvolutionGradientCorrect = report.LibtorchConvolutionGradientCorrect,
                    libtorchConvolutionGradient = report.LibtorchConvolutionGradient,
                    oneDnnMaxCpuIsa = Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA"),
                    seconds = Math.Round(report.Seconds, 2),
                    results = report.Results.Select(r => new
                    {
                        name = r.Name,
                        shape = r.Shape,
                        outputError = Finite(r.OutputError),
                        inputGradientError = Finite(r.InputGradientError),
                        weightGradientError = Finite(r.WeightGradientError),
                        tolerance = r.Tolerance,
                        passed = r.Passed,
                    }),
                }, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                var table = new Table().AddColumn("computation").AddColumn("input").AddColumn("output").AddColumn("input gradient").AddColumn("weight gradient").AddColumn("result");
                foreach (var r in report.Results)
                {
                    table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Shape), Error(r.OutputError), Error(r.InputGradientError), Error(r.WeightGradientError), r.Passed ? "[green]ok[/]" : "[red]WRONG[/]");
                }

                Terminal.Out.Write(table);
                Terminal.Out.MarkupLine(Markup.Escape(
                    $"{report.Results.Count(r => r.Passed)} of {report.Results.Count} computations match their float64 references (relative error at most {NumericsCheck.Float32Tolerance:G} per layer in float32, {NumericsCheck.NetworkTolerance:G} for whole networks, {NumericsCheck.BFloat16Tolerance:G} with bfloat16 products) in {report.Seconds:F1} s."));
                string canary = string.Join(" ", report.LibtorchConvolutionGradient.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)));
                Terminal.Out.MarkupLine(Markup.Escape(report.LibtorchConvolutionGradientCorrect
                    ? $"libtorch's own Conv1d input gradient is right on this machine ({canary})."
                    : $"libtorch's own Conv1d input gradient is WRONG on this machine ({canary}; exact: 0 0 1 10 100 0 0 0). OmiTrans does not use libtorch's convolution kernels, so its training is unaffected; other TorchSharp code here should not trust nn.Conv1d gradients (docs/native-safety.md)."));
            }

            return Task.FromResult(report.Passed ? 0 : ErrorReporter.RunError);
        });
        return command;
    }

    private static double? Finite(double value) => double.IsNaN(value) ? null : double.IsFinite(value) ? value : double.MaxValue;

    private static string Error(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0e+0", CultureInfo.InvariantCulture);
}
