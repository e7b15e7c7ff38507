namespace OmiTrans.Analyzers.Tests;

/// <summary>
/// The analyzer's list of unsafe TorchSharp members (UnheldTorchSharpMembers.txt) is exactly what the referenced
/// TorchSharp.dll contains: when TorchSharp is updated this fails and writes the new list to regenerate the file from.
/// </summary>
public sealed class UnheldMemberListTests
{
    [Fact]
    public void The_list_matches_the_referenced_TorchSharp()
    {
        string assembly = typeof(TorchSharp.torch).Assembly.Location;
        var scanned = TorchSharpIlScan.UnheldMembers(assembly);
        var listed = NativeValueAnalyzer.UnsafeMemberIds;

        var missing = scanned.Except(listed).ToList();
        var stale = listed.Except(scanned).ToList();
        if (missing.Count > 0 || stale.Count > 0)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "UnheldTorchSharpMembers.generated.txt");
            File.WriteAllLines(path, scanned);
            Assert.Fail($"src/OmiTrans.Analyzers/UnheldTorchSharpMembers.txt is out of date for {assembly}: {missing.Count} missing "
                + $"(first: {string.Join(", ", missing.Take(3))}), {stale.Count} stale (first: {string.Join(", ", stale.Take(3))}). "
                + $"The scanned list is in {path}; keep the file's comment header and replace the ids.");
        }

        scanned.Should().Contain("M:TorchSharp.torch.Tensor.op_Addition(TorchSharp.torch.Tensor,TorchSharp.torch.Tensor)", "Tensor + Tensor passes an unheld alpha of 1");
        scanned.Should().Contain("M:TorchSharp.Modules.BatchNorm.forward(TorchSharp.torch.Tensor)", "BatchNorm counts batches with an unheld 1");
    }
}
