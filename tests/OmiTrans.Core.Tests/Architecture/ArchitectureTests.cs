using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace OmiTrans.Core.Tests.Architecture;

/// <summary>
/// The structure docs/architecture.md describes, checked: every file's namespace is its folder's, the packages depend
/// on each other in one direction, and the folders (namespaces) of the core depend on each other without cycles.
/// </summary>
public sealed partial class ArchitectureTests(ITestOutputHelper output)
{
    /// <summary>Each package and the OmiTrans packages it may reference.</summary>
    private static readonly Dictionary<string, string[]> AllowedPackageReferences = new()
    {
        ["OmiTrans.Core"] = [],
        ["OmiTrans.Baselines"] = ["OmiTrans.Core"],
        ["OmiTrans.Synthetic"] = ["OmiTrans.Core"],
        ["OmiTrans.Comparison"] = ["OmiTrans.Core", "OmiTrans.Baselines"],
        ["OmiTrans.Reporting"] = ["OmiTrans.Core", "OmiTrans.Baselines", "OmiTrans.Comparison"],
    };

    [Fact]
    public void Every_namespace_matches_its_folder()
    {
        var wrong = new List<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            string folder = Path.GetDirectoryName(project)!;
            string root = XDocument.Load(project).Descendants("RootNamespace").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(project);
            foreach (var file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            {
                string relative = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!);
                string expected = relative == "." ? root : root + "." + relative.Replace(Path.DirectorySeparatorChar, '.');
                var declared = NamespacePattern().Match(File.ReadAllText(file));
                if (declared.Success && declared.Groups[1].Value != expected)
                {
                    wrong.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)} declares {declared.Groups[1].Value}, its folder is {expected}");
                }
            }
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public void Packages_reference_each_other_in_one_direction()
    {
        foreach (var (package, allowed) in AllowedPackageReferences)
        {
            var project = Path.Combine(RepositoryPaths.Root, "src", package, package + ".csproj");
            var references = XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
                .Where(r => r.StartsWith("OmiTrans.", StringComparison.Ordinal))
                .ToList();
            references.Should().BeSubsetOf(allowed, $"{package} may only reference {string.Join(", ", allowed)}");
        }
    }

    [Fact]
    public void The_core_assembly_references_no_other_OmiTrans_package()
    {
        typeof(Translator).Assembly.GetReferencedAssemblies().Select(a => a.Name).Where(n => n!.StartsWith("OmiTrans", StringComparison.Ordinal))
            .Should().BeEmpty("the core is what translating needs; baselines, comparison, synthetic data and reporting build on it");
    }

    [Fact]
    public void The_folders_of_the_core_depend_on_each_other_without_cycles()
    {
        // A folder's subfolders belong to it (Data/IO to Data, Networks/Modules to Networks).
        var graph = DependencyGraph.Of(typeof(Translator).Assembly, TopLevelFolder);
        foreach (var (from, to) in graph.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{from} -> {string.Join(", ", to.OrderBy(t => t, StringComparer.Ordinal))}");
        }

        var cycles = DependencyGraph.Cycles(graph).Select(c => string.Join(" <-> ", c)).ToList();
        foreach (var cycle in cycles)
        {
            output.WriteLine("cycle: " + cycle);
        }

        cycles.Should().BeEmpty();
    }

    private static string TopLevelFolder(string ns) => string.Join('.', ns.Split('.').Take(2));

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();
}
