using OmiTrans.Alignment;
using OmiTrans.Data;
using OmiTrans.Locations;
using System.Diagnostics;
using System.Globalization;
using OmiTrans;
using OmiTrans.Networks;

// Usage: OmiTrans.Soak <data folder of omitrans synth> <epochs> <generator: fc|unet|fc-chromosome|ved> <discriminator: fc|cnn|fc-chromosome|none> <seed>
// Trains once while a background thread forces full, compacting collections and runs finalizers back to back, so a
// native object that nothing holds is freed within microseconds. Exit 0 with the test metrics when the fit completes
// with finite values; a use-after-free shows as an exception or a native crash.
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: OmiTrans.Soak <data folder> <epochs> <generator> <discriminator> <seed>");
    return 2;
}

args = [Path.Combine(args[0], "source.tsv"), Path.Combine(args[0], "target.tsv"), .. args[1..]];
string folder = Path.GetDirectoryName(args[0])!;
int epochs = int.Parse(args[2], CultureInfo.InvariantCulture);
int seed = int.Parse(args[5], CultureInfo.InvariantCulture);
IGenerator generator = args[3] switch
{
    "fc" => new FullyConnectedGenerator { HiddenWidths = [16] },
    "unet" => new UNetGenerator { BaseChannels = 4, Depth = 2, KernelSize = 3 },
    "fc-chromosome" => new FcChromosomeGenerator { GroupWidth = 4, HiddenWidths = [16] },
    "ved" => new VariationalGenerator { EncoderWidths = [16], LatentDimension = 8, DecoderWidths = [16] },
    _ => throw new ArgumentException($"unknown generator {args[3]}"),
};
IDiscriminator? discriminator = args[4] switch
{
    "fc" => new FullyConnectedDiscriminator { HiddenWidths = [16] },
    "cnn" => new ConvolutionalDiscriminator { BaseChannels = 4, KernelSize = 3 },
    "fc-chromosome" => new FcChromosomeDiscriminator { GroupWidth = 4, SourceWidth = 8, TargetWidths = [16], JointWidths = [8] },
    "none" => null,
    _ => throw new ArgumentException($"unknown discriminator {args[4]}"),
};

var source = OmicsFile.Read(args[0]);
var target = OmicsFile.Read(args[1]);
var builder = new TranslatorBuilder()
    .WithAligner(new DatasetAligner(new DatasetAlignerOptions
    {
        SourceLocations = LocationTable.Read(Path.Combine(folder, "source_locations.tsv")),
        TargetLocations = LocationTable.Read(Path.Combine(folder, "target_locations.tsv")),
    }))
    .WithGenerator(generator)
    .WithTraining(o => o with { Epochs = epochs, Seed = seed })
            .WithoutFallback();
builder = discriminator is null ? builder.WithoutDiscriminator() : builder.WithDiscriminator(discriminator);
var translator = builder.Build();

long collections = 0;
bool stop = false;
var storm = new Thread(() =>
{
    while (!Volatile.Read(ref stop))
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        Interlocked.Increment(ref collections);
    }
})
{ IsBackground = true };
storm.Start();
var clock = Stopwatch.StartNew();
using var model = translator.Fit(source, target);
Volatile.Write(ref stop, true);
storm.Join();
var metrics = model.TestMetrics!;
bool finite = double.IsFinite(metrics.Mse) && double.IsFinite(metrics.MeanSamplewiseR2);
Console.WriteLine(FormattableString.Invariant($"{args[3]}+{args[4]} seed {seed}: {epochs} epochs in {clock.Elapsed.TotalSeconds:F1} s, {collections} collections, test MSE {metrics.Mse:F4}"));
return finite ? 0 : 1;
