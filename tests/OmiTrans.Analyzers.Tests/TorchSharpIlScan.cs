using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OmiTrans.Analyzers.Tests;

/// <summary>
/// Finds the public TorchSharp members that create a Scalar or Tensor and pass it on without holding it, by reading
/// TorchSharp.dll's IL: a member is on the list when it calls a conversion to Scalar or Tensor (or ToScalar) whose
/// result is not returned at once, and calls no Dispose; or when it calls a member on the list. Names are
/// documentation-comment ids, as Roslyn writes them, so the analyzer can match call sites.
/// </summary>
internal static class TorchSharpIlScan
{
    public static IReadOnlyList<string> UnheldMembers(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var calls = new Dictionary<MethodDefinitionHandle, List<Call>>();
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            calls[handle] = method.RelativeVirtualAddress == 0 ? [] : CallsIn(metadata, pe.GetMethodBody(method.RelativeVirtualAddress));
        }

        var unsafeMethods = calls.Where(c => CreatesUnheld(c.Value)).Select(c => c.Key).ToHashSet();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (handle, list) in calls)
            {
                if (!unsafeMethods.Contains(handle) && list.Any(c => c.Definition is { } d && unsafeMethods.Contains(d)))
                {
                    unsafeMethods.Add(handle);
                    changed = true;
                }
            }
        }

        var tokens = unsafeMethods.Select(h => MetadataTokens.GetToken(h)).ToHashSet();
        var compilation = CSharpCompilation.Create("Scan", references: [MetadataReference.CreateFromFile(assemblyPath), MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var assembly = (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(compilation.References.First())!;
        var ids = new List<string>();
        Walk(assembly.GlobalNamespace, tokens, ids);
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private static bool CreatesUnheld(List<Call> calls) =>
        !calls.Any(c => c.Name == "Dispose")
        && calls.Any(c => !c.Returned && IsCreation(c));

    private static bool IsCreation(Call c) =>
        (c.Type == "TorchSharp.Scalar" && c.Name == "op_Implicit")
        || (c.Type == "TorchSharp.ScalarExtensionMethods" && c.Name.StartsWith("To", StringComparison.Ordinal) && c.Name.EndsWith("Scalar", StringComparison.Ordinal))
        || (c.Type == "TorchSharp.torch+Tensor" && (c.Name == "op_Implicit" || c.Name == "ToScalar"));

    private static void Walk(INamespaceOrTypeSymbol container, HashSet<int> tokens, List<string> ids)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceOrTypeSymbol nested)
            {
                Walk(nested, tokens, ids);
            }

            if (member is IMethodSymbol method && tokens.Contains(method.MetadataToken)
                && method.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected && Visible(method.ContainingType)
                && method.GetDocumentationCommentId() is { } id)
            {
                ids.Add(id);
            }
        }
    }

    private static bool Visible(INamedTypeSymbol? type) => type is null || (type.DeclaredAccessibility == Accessibility.Public && Visible(type.ContainingType));

    private static List<Call> CallsIn(MetadataReader metadata, MethodBodyBlock body)
    {
        var calls = new List<Call>();
        var reader = body.GetILReader();
        while (reader.RemainingBytes > 0)
        {
            int first = reader.ReadByte();
            var opcode = first == 0xFE ? (ILOpCode)(0xFE00 | reader.ReadByte()) : (ILOpCode)first;
            if (opcode is ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj)
            {
                var target = MetadataTokens.EntityHandle(reader.ReadInt32());
                // A value created and immediately returned belongs to the caller (for example 'return false;' as a Tensor).
                bool returned = false;
                if (reader.RemainingBytes > 0)
                {
                    returned = reader.ReadByte() == (byte)ILOpCode.Ret;
                    reader.Offset -= 1;
                }

                var (type, name, definition) = Describe(metadata, target);
                calls.Add(new Call(type, name, definition, returned));
                continue;
            }

            if (opcode == ILOpCode.Switch)
            {
                int count = reader.ReadInt32();
                reader.Offset += 4 * count;
                continue;
            }

            reader.Offset += OperandSize(opcode);
        }

        return calls;
    }

    private static (string Type, string Name, MethodDefinitionHandle? Definition) Describe(MetadataReader metadata, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                var definition = (MethodDefinitionHandle)handle;
                var method = metadata.GetMethodDefinition(definition);
                return (TypeName(metadata, method.GetDeclaringType()), metadata.GetString(method.Name), definition);
            }

            case HandleKind.MemberReference:
            {
                var reference = metadata.GetMemberReference((MemberReferenceHandle)handle);
                string type = reference.Parent.Kind switch
                {
                    HandleKind.TypeDefinition => TypeName(metadata, (TypeDefinitionHandle)reference.Parent),
                    HandleKind.TypeReference => ReferenceName(metadata, (TypeReferenceHandle)reference.Parent),
                    _ => "?",
                };
                return (type, metadata.GetString(reference.Name), null);
            }

            case HandleKind.MethodSpecification:
                return Describe(metadata, metadata.GetMethodSpecification((MethodSpecificationHandle)handle).Method);

            default:
                return ("?", "?", null);
        }
    }

    private static string TypeName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil
            ? metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name)
            : TypeName(metadata, declaring) + "+" + metadata.GetString(type.Name);
    }

    private static string ReferenceName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        return metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
    }

    private static int OperandSize(ILOpCode opcode) => opcode switch
    {
        ILOpCode.Ldc_i8 or ILOpCode.Ldc_r8 => 8,
        ILOpCode.Br_s or ILOpCode.Brfalse_s or ILOpCode.Brtrue_s or ILOpCode.Beq_s or ILOpCode.Bge_s or ILOpCode.Bgt_s
            or ILOpCode.Ble_s or ILOpCode.Blt_s or ILOpCode.Bne_un_s or ILOpCode.Bge_un_s or ILOpCode.Bgt_un_s
            or ILOpCode.Ble_un_s or ILOpCode.Blt_un_s or ILOpCode.Leave_s or ILOpCode.Ldc_i4_s or ILOpCode.Ldarg_s
            or ILOpCode.Ldarga_s or ILOpCode.Starg_s or ILOpCode.Ldloc_s or ILOpCode.Ldloca_s or ILOpCode.Stloc_s
            or ILOpCode.Unaligned => 1,
        ILOpCode.Ldarg or ILOpCode.Ldarga or ILOpCode.Starg or ILOpCode.Ldloc or ILOpCode.Ldloca or ILOpCode.Stloc => 2,
        ILOpCode.Br or ILOpCode.Brfalse or ILOpCode.Brtrue or ILOpCode.Beq or ILOpCode.Bge or ILOpCode.Bgt or ILOpCode.Ble
            or ILOpCode.Blt or ILOpCode.Bne_un or ILOpCode.Bge_un or ILOpCode.Bgt_un or ILOpCode.Ble_un or ILOpCode.Blt_un
            or ILOpCode.Leave or ILOpCode.Ldc_i4 or ILOpCode.Ldc_r4 => 4,
        ILOpCode.Ldftn or ILOpCode.Ldvirtftn or ILOpCode.Jmp or ILOpCode.Calli or ILOpCode.Ldstr or ILOpCode.Ldtoken
            or ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld or ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld
            or ILOpCode.Box or ILOpCode.Unbox or ILOpCode.Unbox_any or ILOpCode.Castclass or ILOpCode.Isinst
            or ILOpCode.Newarr or ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Stelem or ILOpCode.Ldobj or ILOpCode.Stobj
            or ILOpCode.Cpobj or ILOpCode.Initobj or ILOpCode.Sizeof or ILOpCode.Mkrefany or ILOpCode.Refanyval
            or ILOpCode.Constrained => 4,
        _ => 0,
    };

    private sealed record Call(string Type, string Name, MethodDefinitionHandle? Definition, bool Returned);
}
