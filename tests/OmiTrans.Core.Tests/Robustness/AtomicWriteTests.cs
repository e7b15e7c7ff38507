
namespace OmiTrans.Core.Tests.Robustness;

[Collection(TrainingCollection.Name)]
public sealed class AtomicWriteTests : TempDirectoryTest
{
    /// <summary>A stream that fails after a number of bytes, as a full disk or a killed writer would.</summary>
    private static readonly System.Text.RegularExpressions.Regex UnsafeWrite = new(@"(?<!Atomic)File\.(WriteAll|Create\(|OpenWrite)|FileMode\.Create");

    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_written + count > failAfter)
            {
                inner.Write(buffer, offset, (int)(failAfter - _written));
                throw new IOException("Injected failure: no space left on device.");
            }

            inner.Write(buffer, offset, count);
            _written += count;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1500)]
    public void A_model_write_that_fails_midway_leaves_the_previous_model_intact(long failAfter)
    {
        var (source, target) = Matrices.Planted(samples: 80, sourceFeatures: 20, targetFeatures: 8, seed: 21);
        using var model = new TranslatorBuilder().WithGenerator(new FullyConnectedGenerator { HiddenWidths = [16] }).WithTraining(o => o with { Epochs = 1 }).Build().Fit(source, target);
        var path = Dir.File("model.omitrans");
        model.Save(path);
        var before = File.ReadAllBytes(path);

        var act = () => AtomicFile.Write(path, stream => model.Save(new FailingStream(stream, failAfter)));

        act.Should().Throw<IOException>().WithMessage("*Injected*");
        File.ReadAllBytes(path).Should().Equal(before, "the previous file is untouched");
        Directory.GetFiles(Dir.Path).Should().ContainSingle("no temporary file is left behind");
        using var reloaded = TranslationModel.Load(path);
        reloaded.Translate(source).Values.ToArray().Should().Equal(model.Translate(source).Values.ToArray());
    }

    [Fact]
    public void A_failed_text_write_leaves_no_file_when_none_existed()
    {
        var path = Dir.File("report.json");

        var act = () => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("Injected failure.");
        });

        act.Should().Throw<IOException>();
        File.Exists(path).Should().BeFalse();
        Directory.GetFiles(Dir.Path).Should().BeEmpty();
    }

    [Fact]
    public void Every_writer_of_the_library_goes_through_the_atomic_writer()
    {
        // Source check: no File.Write*/FileStream for writing outside AtomicFile (and the chunk spill file, which is
        // a temporary file deleted on close).
        var root = Path.Combine(RepositoryPaths.Root, "src", "OmiTrans.Core");
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("AtomicFile.cs", StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Any(l => UnsafeWrite.IsMatch(l) && !l.Contains("DeleteOnClose", StringComparison.Ordinal)))
            .Select(Path.GetFileName)
            .ToList();

        offenders.Should().BeEmpty("every file the library writes appears atomically");
    }
}
