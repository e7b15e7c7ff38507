using System.Reflection;
using System.Reflection.Emit;

namespace OmiTrans.Core.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which: from every type's base type, interfaces, fields, properties, method
/// signatures and the members its method bodies call, create or read. Compiler-generated types (lambdas, iterators)
/// count for the namespace they are nested in.
/// </summary>
internal static class DependencyGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static Dictionary<string, HashSet<string>> Of(Assembly assembly, Func<string, string> unit)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            string from = unit(Outermost(type).Namespace ?? string.Empty);
            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in UsedTypes(type))
            {
                if (used.Assembly == assembly && Outermost(used).Namespace is { } ns && unit(ns) != from)
                {
                    uses.Add(unit(ns));
                }
            }
        }

        return graph;
    }

    /// <summary>The strongly connected components with more than one namespace: the cycles.</summary>
    public static List<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        int index = 0;
        var indices = new Dictionary<string, int>();
        var lowlinks = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();

        void Visit(string v)
        {
            indices[v] = lowlinks[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!indices.ContainsKey(w))
                {
                    Visit(w);
                    lowlinks[v] = Math.Min(lowlinks[v], lowlinks[w]);
                }
                else if (onStack.Contains(w))
                {
                    lowlinks[v] = Math.Min(lowlinks[v], indices[w]);
                }
            }

            if (lowlinks[v] == indices[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    result.Add(component);
                }
            }
        }

        foreach (var v in graph.Keys.ToList())
        {
            if (!indices.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } declaring)
        {
            type = declaring;
        }

        return type;
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }

                Add(t.GetGenericTypeDefinition());
                return;
            }

            if (!t.IsGenericParameter)
            {
                found.Add(t);
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var field in type.GetFields(all))
        {
            Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(all))
        {
            Add(property.PropertyType);
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var member in BodyReferences(method))
            {
                switch (member)
                {
                    case Type t:
                        Add(t);
                        break;
                    case MemberInfo m:
                        Add(m.DeclaringType);
                        break;
                }
            }
        }

        return found;
    }

    private static IEnumerable<MemberInfo> BodyReferences(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException)
        {
            yield break;
        }

        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        Type[]? typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            if (!OpCodesByValue.TryGetValue(value, out var opcode))
            {
                yield break;
            }

            int size = opcode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
            if (opcode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try
                {
                    member = module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                }
                catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException)
                {
                }

                if (member is not null)
                {
                    yield return member;
                }
            }

            position += size;
        }
    }
}
