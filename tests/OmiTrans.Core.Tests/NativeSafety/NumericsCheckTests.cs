
namespace OmiTrans.Core.Tests.NativeSafety;

/// <summary>
/// The values and gradients of every layer the networks train with, against float64, in this process (the oneDNN
/// levels are checked in child processes by OmiTrans.Cli.Tests' DoctorTests).
/// </summary>
public sealed class NumericsCheckTests
{
    [Fact]
    public void Every_layer_matches_its_float64_reference_here()
    {
        var report = NumericsCheck.Run();

        report.Results.Should().NotBeEmpty();
        report.Results.Where(r => !r.Passed).Should().BeEmpty("every layer's values and gradients must match float64 on this CPU");
        report.Results.Should().Contain(r => r.Name.StartsWith("conv1d 1024→512 k9", StringComparison.Ordinal), "the default U-Net's deepest decoder convolution is checked");
        report.Results.Should().Contain(r => r.Name.StartsWith("conv_transpose1d", StringComparison.Ordinal));
        report.Results.Should().Contain(r => r.Name.Contains("CNN discriminator", StringComparison.Ordinal) && r.Name.Contains("k3", StringComparison.Ordinal));
    }
}
