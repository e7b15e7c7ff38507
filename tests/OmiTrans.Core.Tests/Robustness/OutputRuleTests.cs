
namespace OmiTrans.Core.Tests.Robustness;

/// <summary>
/// The library's one write path (AtomicFile) and its temporary files: what it replaces, what it writes in place, what
/// it refuses, and which leftovers of killed runs it recognises.
/// </summary>
public sealed class OutputRuleTests : TempDirectoryTest
{
    [Fact]
    public void A_symbolic_link_is_followed_its_target_replaced_and_the_link_kept()
    {
        var target = Dir.Write("target.txt", "old");
        var link = Dir.File("link.txt");
        File.CreateSymbolicLink(link, target);

        AtomicFile.WriteAllText(link, "new");

        File.ReadAllText(target).Should().Be("new");
        new FileInfo(link).LinkTarget.Should().Be(target);
        Directory.GetFiles(Dir.Path).Should().HaveCount(2, "no temporary file is left");
    }

    [Fact]
    public void A_replaced_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Dir.Write("report.json", "old");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);

        AtomicFile.WriteAllText(path, "new");

        File.GetUnixFileMode(path).Should().Be(mode);
    }

    [Fact]
    public void A_folder_is_refused_and_left_as_it_was()
    {
        var folder = Dir.File("folder");
        Directory.CreateDirectory(folder);

        var act = () => AtomicFile.WriteAllText(folder, "x");

        act.Should().Throw<OutputRefusedException>().WithMessage("*it is a directory*");
        Directory.Exists(folder).Should().BeTrue();
        Directory.GetFiles(Dir.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task A_named_pipe_is_written_in_place()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fifo = Dir.File("pipe");
        CliProcess.RunProcess("mkfifo", [fifo], TimeSpan.FromSeconds(30)).ExitCode.Should().Be(0);
        var reader = Task.Run(() => File.ReadAllText(fifo));

        AtomicFile.WriteAllText(fifo, "through the pipe");

        (await reader.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be("through the pipe");
        FileIdentity.Of(fifo).Kind.Should().Be(FileKind.Fifo);
        Directory.GetFiles(Dir.Path).Should().ContainSingle();
    }

    [Fact]
    public void A_registered_input_is_refused_through_a_hard_link()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var input = Dir.Write("input.tsv", "data");
        var hard = Dir.File("alias.tsv");
        CliProcess.RunProcess("ln", [input, hard], TimeSpan.FromSeconds(30)).ExitCode.Should().Be(0);
        InputProtection.Protect(input, "--source");
        try
        {
            var act = () => AtomicFile.WriteAllText(hard, "overwritten");

            act.Should().Throw<OutputRefusedException>().WithMessage($"*it is the input --source {input} (the same file through a link)*");
            File.ReadAllText(input).Should().Be("data");
        }
        finally
        {
            InputProtection.Clear();
        }
    }

    [Fact]
    public void Identities_tell_the_same_file_through_a_link_and_tell_kinds_apart()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var file = Dir.Write("a.txt", "x");
        var link = Dir.File("b.txt");
        File.CreateSymbolicLink(link, file);

        FileIdentity.Of(file).SameFileAs(FileIdentity.Of(link)).Should().BeTrue();
        FileIdentity.Of(file).SameFileAs(FileIdentity.Of(Dir.Write("c.txt", "x"))).Should().BeFalse();
        FileIdentity.Of(Dir.Path).Kind.Should().Be(FileKind.Directory);
        FileIdentity.Of("/dev/null").Kind.Should().Be(FileKind.CharacterDevice);
        FileIdentity.Of(Dir.File("missing")).Kind.Should().Be(FileKind.Missing);
    }

    [Fact]
    public void Temporary_files_are_named_for_the_file_they_become_and_this_process()
    {
        var temp = TemporaryFiles.NewPath(Dir.Path, "model.omitrans");

        Path.GetFileName(temp).Should().MatchRegex($@"^\.model\.omitrans\.omitrans-{Environment.ProcessId}-[0-9a-f]{{32}}\.tmp$");
        TemporaryFiles.IsTemporaryName(Path.GetFileName(temp)).Should().BeTrue();
        TemporaryFiles.Pending.Should().Contain(temp);
        TemporaryFiles.Forget(temp);
    }

    [Fact]
    public void A_sweep_removes_the_leftovers_of_dead_processes_and_nothing_else()
    {
        var dead = Dir.Write($".out.tsv.omitrans-{int.MaxValue - 1}-{Guid.NewGuid():N}.tmp", "x");
        var deadSpill = Dir.Write($".out.tsv.omitrans-{int.MaxValue - 1}-{Guid.NewGuid():N}.chunks", "x");
        var live = Dir.Write($".out.tsv.omitrans-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp", "x");
        var oldStyle = Dir.Write($".model.omitrans.{Guid.NewGuid():N}.tmp", "x");
        File.SetLastWriteTimeUtc(oldStyle, DateTime.UtcNow.AddHours(-2));
        var recentOldStyle = Dir.Write($".history.tsv.{Guid.NewGuid():N}.tmp", "x");
        var users = new[] { Dir.Write(".notes.tmp", "x"), Dir.Write("data.tsv", "x"), Dir.Write(".out.tsv.omitrans-12-notahexguid.tmp", "x") };
        Directory.CreateDirectory(Dir.File("method"));
        var nested = Dir.Write($"method/.metrics.json.omitrans-{int.MaxValue - 2}-{Guid.NewGuid():N}.tmp", "x");

        var swept = TemporaryFiles.Sweep(Dir.Path, subfolders: true);

        swept.Removed.Should().BeEquivalentTo([dead, deadSpill, oldStyle, nested]);
        swept.Kept.Should().BeEquivalentTo([live, recentOldStyle]);
        foreach (var file in users.Append(live).Append(recentOldStyle))
        {
            File.Exists(file).Should().BeTrue(file);
        }
    }

    [Fact]
    public void A_failed_write_leaves_no_temporary_file_and_is_forgotten()
    {
        var path = Dir.File("out.tsv");

        var act = () => AtomicFile.Write(path, _ => throw new IOException("Injected."));

        act.Should().Throw<IOException>();
        Directory.GetFiles(Dir.Path).Should().BeEmpty();
        TemporaryFiles.Pending.Should().NotContain(p => p.StartsWith(Dir.Path, StringComparison.Ordinal));
    }
}
