using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OmiTrans.Analyzers.Tests;

/// <summary>The analyzer reports each way a number becomes an unheld native object, and accepts the held forms.</summary>
public sealed class NativeValueAnalyzerTests
{
    private const string Prelude = """
        using System;
        using TorchSharp;
        using static TorchSharp.torch;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class ReturnsHeldScalarAttribute : Attribute { }

        static class Cache
        {
            public static readonly Scalar One = 1.0.ToScalar();
            [ReturnsHeldScalar] public static Scalar Constant(double value) => One;
        }

        class C
        {
            private readonly Scalar _slope = 0.2.ToScalar();

        """;

    [Theory]
    [InlineData("void M(Tensor x) { x.add_(x, alpha: 0.5); }", "OMT0001")]
    [InlineData("void M(Tensor x) { x.clamp_min(0); }", "OMT0001")]
    [InlineData("void M(Tensor x) { var s = (Scalar)2.0; }", "OMT0001")]
    [InlineData("Tensor M() { Tensor t = 3.0f; return t; }", "OMT0002")]
    [InlineData("void M(Tensor x) { x.add_(x, 0.5.ToScalar()); }", "OMT0003")]
    [InlineData("void M(Tensor x) { var s = 0.5.ToScalar(); x.add_(x, s); }", "OMT0003")]
    [InlineData("Tensor M(Tensor x) => x + x;", "OMT0004")]
    [InlineData("Tensor M(Tensor x) => x * 2.0;", "OMT0004")]
    [InlineData("Tensor M(Tensor x) => x.square();", "OMT0004")]
    [InlineData("Tensor M(Tensor x) => nn.functional.leaky_relu(x, 0.2);", "OMT0004")]
    [InlineData("Tensor M(Tensor x) => x.add_(x);", "OMT0004")]
    [InlineData("object M() => nn.BatchNorm1d(4);", "OMT0004")]
    [InlineData("object M() => nn.LeakyReLU(0.1);", "OMT0004")]
    [InlineData("double M(Tensor x) => x.ToDouble();", "OMT0004")]
    public void Reports_unheld_native_values(string member, string rule)
    {
        var diagnostics = Analyze(member);
        diagnostics.Select(d => d.Id).Should().Contain(rule, member);
    }

    [Theory]
    [InlineData("void M(Tensor x) { using var s = 0.5.ToScalar(); x.add_(x, s); }")]
    [InlineData("void M(Tensor x) { x.leaky_relu_(_slope); }")]
    [InlineData("void M(Tensor x) { x.add_(x, Cache.One); }")]
    [InlineData("void M(Tensor x) { x.mul_(Cache.Constant(3)); }")]
    [InlineData("void M(Tensor x) { var s = Cache.Constant(3); x.mul_(s); }")]
    [InlineData("void M(Tensor x, Scalar s) { x.mul_(s); }")]
    [InlineData("Tensor M(Tensor x) => x * x - x;")]
    [InlineData("Tensor M(Tensor x) => x.add(x, Cache.One);")]
    [InlineData("float M(Tensor x) => x.item<float>();")]
    [InlineData("Tensor M(Tensor x) => x.clamp(null, Cache.One);")]
    public void Accepts_held_values(string member)
    {
        Analyze(member).Should().BeEmpty(member);
    }

    [Fact]
    public void Every_rule_is_an_error()
    {
        new NativeValueAnalyzer().SupportedDiagnostics.Should().OnlyContain(d => d.DefaultSeverity == DiagnosticSeverity.Error);
    }

    private static ImmutableArray<Diagnostic> Analyze(string member)
    {
        var tree = CSharpSyntaxTree.ParseText(Prelude + member + "\n}\n", new CSharpParseOptions(LanguageVersion.Latest));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location));
        var compilation = CSharpCompilation.Create("Snippet", [tree], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.Should().BeEmpty("the snippet must compile: " + string.Join("; ", errors));
        return compilation.WithAnalyzers([new NativeValueAnalyzer()]).GetAnalyzerDiagnosticsAsync().Result;
    }
}
