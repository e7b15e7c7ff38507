
namespace OmiTrans.Core.Tests.Runtime;

[Collection(TrainingCollection.Name)]
public sealed class CudaTests
{
    [CudaFact]
    public void Training_and_translation_run_on_the_gpu_and_match_the_cpu_closely()
    {
        var (source, target) = Matrices.Planted(100, 20, 8, seed: 1);
        var data = TranslationData.Prepare(source, target);
        var translator = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32], DropoutProbability = 0 })
            .WithDevice(DeviceOptions.Cuda())
            .WithTraining(o => o with { Epochs = 5 })
            .Build();

        using var model = translator.Fit(data);
        using var dir = new TempDirectory();
        model.Save(dir.File("gpu.omitrans"));
        using var onCpu = TranslationModel.Load(dir.File("gpu.omitrans"), new ModelLoadOptions { Device = DeviceOptions.Cpu });

        model.Device.Should().StartWith("cuda");
        var probe = data.Get(SplitSet.Test).Source;
        var gpu = model.Translate(probe).Values.ToArray();
        var cpu = onCpu.Translate(probe).Values.ToArray();
        gpu.Zip(cpu).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-3);
    }
}
