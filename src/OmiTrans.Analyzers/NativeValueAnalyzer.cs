using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OmiTrans.Analyzers;

/// <summary>
/// Fails the build where a managed value silently becomes a native TorchSharp object whose lifetime nobody holds.
/// </summary>
/// <remarks>
/// TorchSharp's <c>Scalar</c> and <c>Tensor</c> own native memory and free it in a finalizer. A temporary created by an
/// implicit conversion (<c>x.add(y, alpha: 0.5)</c>, <c>x * 2.0</c>) is unreachable as soon as the callee has read its
/// handle, so the garbage collector may finalize it, freeing the native value, while libtorch is still using it: a
/// use-after-free that shows as "Unknown scalar type", an internal assert or a wrong number, at random and more often
/// under memory pressure. The rules:
/// <list type="bullet">
/// <item>OMT0001: no conversion operator to <c>Scalar</c>; create it with <c>ToScalar()</c> in a <c>using</c> local.</item>
/// <item>OMT0002: no conversion operator to <c>Tensor</c>; create tensors explicitly.</item>
/// <item>OMT0003: a <c>Scalar</c> passed to a method or operator must be held by something that outlives the call: a
/// <c>using</c> local, a field, or a parameter (whose caller is checked in turn).</item>
/// <item>OMT0004: no TorchSharp member that commits the same error inside TorchSharp (for example <c>Tensor + Tensor</c>
/// passes an unheld <c>Scalar</c> 1 as alpha, <c>functional.leaky_relu</c> converts its slope, <c>BatchNorm</c>'s forward
/// adds an unheld 1 to its batch counter). The list, <c>UnheldTorchSharpMembers.txt</c>, is generated from the
/// referenced TorchSharp.dll by a test that fails when it is out of date. Creating a module whose <c>forward</c> is on
/// the list is reported too, since its calls go through <c>Module.call</c>.</item>
/// </list>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NativeValueAnalyzer : DiagnosticAnalyzer
{
    private const string Category = "NativeSafety";
    private const string HelpLink = "docs/native-safety.md";

    /// <summary>OMT0001: an implicit or explicit conversion operator to TorchSharp.Scalar.</summary>
    public static readonly DiagnosticDescriptor ScalarConversion = new(
        "OMT0001",
        "A value becomes a TorchSharp Scalar through a conversion operator",
        "'{0}' becomes a TorchSharp Scalar here, which the garbage collector may free while native code still uses it; create it with ToScalar() in a 'using' local (or a cached field) and pass that",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink);

    /// <summary>OMT0002: an implicit or explicit conversion operator to TorchSharp.torch.Tensor.</summary>
    public static readonly DiagnosticDescriptor TensorConversion = new(
        "OMT0002",
        "A value becomes a TorchSharp Tensor through a conversion operator",
        "'{0}' becomes a TorchSharp Tensor here, which nobody holds or disposes; create the tensor explicitly (torch.tensor, torch.full) inside a dispose scope, or use a Scalar overload with a held Scalar",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink);

    /// <summary>OMT0003: a Scalar argument that nothing holds for the duration of the call.</summary>
    public static readonly DiagnosticDescriptor UnheldScalar = new(
        "OMT0003",
        "A TorchSharp Scalar is passed without being held across the call",
        "The Scalar passed as '{0}' is not held for the call; pass a 'using' local, a field or a parameter so the garbage collector cannot free it while native code uses it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink);

    /// <summary>OMT0004: a TorchSharp member that creates an unheld Scalar or Tensor internally.</summary>
    public static readonly DiagnosticDescriptor UnsafeMember = new(
        "OMT0004",
        "A TorchSharp member creates an unheld Scalar or Tensor internally",
        "'{0}' creates a Scalar or Tensor inside TorchSharp that nothing holds while native code uses it; use the overload that takes a held Scalar (or the replacement in OmiTrans's Native folder)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink);

    private static readonly ImmutableHashSet<string> UnsafeMembers = LoadUnsafeMembers();

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(ScalarConversion, TensorConversion, UnheldScalar, UnsafeMember);

    /// <summary>The documentation-comment ids of the TorchSharp members that OMT0004 reports.</summary>
    public static ImmutableHashSet<string> UnsafeMemberIds => UnsafeMembers;

    private static ImmutableHashSet<string> LoadUnsafeMembers()
    {
        using var stream = typeof(NativeValueAnalyzer).Assembly.GetManifestResourceStream("UnheldTorchSharpMembers.txt");
        if (stream is null)
        {
            return ImmutableHashSet<string>.Empty;
        }

        using var reader = new System.IO.StreamReader(stream);
        var builder = ImmutableHashSet.CreateBuilder<string>(System.StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith("#", System.StringComparison.Ordinal))
            {
                builder.Add(line);
            }
        }

        return builder.ToImmutable();
    }

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var scalar = start.Compilation.GetTypeByMetadataName("TorchSharp.Scalar");
            var tensor = start.Compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
            if (scalar is null)
            {
                return; // the project does not reference TorchSharp
            }

            start.RegisterOperationAction(c => AnalyzeConversion(c, scalar, tensor), OperationKind.Conversion);
            start.RegisterOperationAction(c => AnalyzeArgument(c, scalar), OperationKind.Argument);
            start.RegisterOperationAction(c => AnalyzeOperator(c, scalar), OperationKind.Binary, OperationKind.Unary);
            start.RegisterOperationAction(AnalyzeMemberUse, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.MethodReference, OperationKind.PropertyReference, OperationKind.Binary, OperationKind.Unary);
        });
    }

    private static void AnalyzeMemberUse(OperationAnalysisContext context)
    {
        IMethodSymbol? method = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            IMethodReferenceOperation reference => reference.Method,
            IPropertyReferenceOperation property => property.Property.GetMethod,
            IBinaryOperation binary => binary.OperatorMethod,
            IUnaryOperation unary => unary.OperatorMethod,
            _ => null,
        };
        if (method is null || method.MethodKind == MethodKind.Conversion)
        {
            return; // conversions are OMT0001/OMT0002
        }

        var definition = method.ReducedFrom ?? method;
        definition = definition.OriginalDefinition;
        if (definition.ContainingAssembly?.Name != "TorchSharp")
        {
            return;
        }

        if (definition.GetDocumentationCommentId() is { } id && UnsafeMembers.Contains(id))
        {
            context.ReportDiagnostic(Diagnostic.Create(UnsafeMember, context.Operation.Syntax.GetLocation(), definition.ToDisplayString()));
            return;
        }

        // A module whose forward is unsafe is called through Module.call; report where it is created instead.
        if (context.Operation is IInvocationOperation or IObjectCreationOperation && context.Operation.Type is INamedTypeSymbol created && UnsafeForward(created) is { } unsafeType)
        {
            context.ReportDiagnostic(Diagnostic.Create(UnsafeMember, context.Operation.Syntax.GetLocation(), unsafeType + ".forward"));
        }
    }

    private static string? UnsafeForward(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.ContainingAssembly?.Name != "TorchSharp")
            {
                continue;
            }

            foreach (var member in t.GetMembers("forward"))
            {
                if (member is IMethodSymbol forward && forward.GetDocumentationCommentId() is { } id && UnsafeMembers.Contains(id))
                {
                    return t.ToDisplayString();
                }
            }
        }

        return null;
    }

    private static void AnalyzeConversion(OperationAnalysisContext context, INamedTypeSymbol scalar, INamedTypeSymbol? tensor)
    {
        var conversion = (IConversionOperation)context.Operation;
        if (conversion.OperatorMethod is not { } method)
        {
            return;
        }

        var result = method.ReturnType;
        string shown = conversion.Operand.Syntax.ToString();
        if (method.OriginalDefinition.GetDocumentationCommentId() is { } id && UnsafeMembers.Contains(id)
            && !SymbolEqualityComparer.Default.Equals(result, scalar) && !SymbolEqualityComparer.Default.Equals(result, tensor))
        {
            context.ReportDiagnostic(Diagnostic.Create(UnsafeMember, conversion.Syntax.GetLocation(), method.OriginalDefinition.ToDisplayString()));
            return;
        }

        if (SymbolEqualityComparer.Default.Equals(result, scalar))
        {
            context.ReportDiagnostic(Diagnostic.Create(ScalarConversion, conversion.Syntax.GetLocation(), shown));
        }
        else if (tensor is not null && SymbolEqualityComparer.Default.Equals(result, tensor)
                 && !SymbolEqualityComparer.Default.Equals(conversion.Operand.Type, tensor))
        {
            context.ReportDiagnostic(Diagnostic.Create(TensorConversion, conversion.Syntax.GetLocation(), shown));
        }
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, INamedTypeSymbol scalar)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return;
        }

        if (IsScalar(parameter.Type, scalar) && !IsHeld(argument.Value, argument.SemanticModel, 0))
        {
            context.ReportDiagnostic(Diagnostic.Create(UnheldScalar, argument.Value.Syntax.GetLocation(), parameter.Name));
        }
    }

    private static void AnalyzeOperator(OperationAnalysisContext context, INamedTypeSymbol scalar)
    {
        IMethodSymbol? method;
        IOperation[] operands;
        switch (context.Operation)
        {
            case IBinaryOperation binary:
                method = binary.OperatorMethod;
                operands = new[] { binary.LeftOperand, binary.RightOperand };
                break;
            case IUnaryOperation unary:
                method = unary.OperatorMethod;
                operands = new[] { unary.Operand };
                break;
            default:
                return;
        }

        if (method is null)
        {
            return;
        }

        for (int i = 0; i < operands.Length && i < method.Parameters.Length; i++)
        {
            if (IsScalar(method.Parameters[i].Type, scalar) && !IsHeld(operands[i], context.Operation.SemanticModel, 0))
            {
                context.ReportDiagnostic(Diagnostic.Create(UnheldScalar, operands[i].Syntax.GetLocation(), method.Parameters[i].Name));
            }
        }
    }

    private static bool IsScalar(ITypeSymbol type, INamedTypeSymbol scalar) =>
        SymbolEqualityComparer.Default.Equals(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), scalar);

    /// <summary>Whether the value is kept reachable by something that outlives the call it is passed to.</summary>
    private static bool IsHeld(IOperation value, SemanticModel? model, int depth)
    {
        // A conversion operator to Scalar is reported on its own (OMT0001); look through reference conversions only.
        while (value is IConversionOperation { OperatorMethod: null } conversion)
        {
            value = conversion.Operand;
        }

        return value switch
        {
            ILiteralOperation literal => literal.ConstantValue.HasValue && literal.ConstantValue.Value is null,
            IDefaultValueOperation => true,
            IFieldReferenceOperation => true,
            IParameterReferenceOperation => true,
            IInvocationOperation invocation => ReturnsHeld(invocation.TargetMethod),
            IPropertyReferenceOperation property => property.Property.GetMethod is { } getter && ReturnsHeld(getter),
            ILocalReferenceOperation local => local.Local.IsUsing || (depth < 4 && InitializerIsHeld(local.Local, model, depth)),
            IConditionalOperation conditional => conditional.WhenFalse is not null && IsHeld(conditional.WhenTrue, model, depth) && IsHeld(conditional.WhenFalse, model, depth),
            ICoalesceOperation coalesce => IsHeld(coalesce.Value, model, depth) && IsHeld(coalesce.WhenNull, model, depth),
            IConversionOperation { OperatorMethod: not null } => true, // reported by OMT0001 already
            _ => false,
        };
    }

    /// <summary>A method (or property getter) marked [ReturnsHeldScalar]: its result is rooted elsewhere, for example in a cache.</summary>
    private static bool ReturnsHeld(IMethodSymbol method)
    {
        var symbol = (ISymbol?)method.AssociatedSymbol ?? method;
        return symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "ReturnsHeldScalarAttribute")
            || method.GetAttributes().Any(a => a.AttributeClass?.Name == "ReturnsHeldScalarAttribute");
    }

    /// <summary>A local initialised from a held value (a field, a [ReturnsHeldScalar] call) is held too.</summary>
    private static bool InitializerIsHeld(ILocalSymbol local, SemanticModel? model, int depth)
    {
        if (model is null || local.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var syntax = local.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { } initializer }
            || syntax.SyntaxTree != model.SyntaxTree)
        {
            return false;
        }

        return model.GetOperation(initializer.Value) is { } operation && IsHeld(operation, model, depth + 1);
    }
}
