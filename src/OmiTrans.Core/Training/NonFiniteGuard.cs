using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// Checks a training step before the optimizer applies it: every loss term and every gradient the optimizer will use
/// must be finite. On the common path this is one reduction per gradient and one synchronisation; when something is
/// non-finite it finds what (the first loss term in order, else the parameters with non-finite gradients) and, for a
/// non-finite loss, re-runs the forward pass with hooks to name the first layer whose output was non-finite.
/// </summary>
internal static class NonFiniteGuard
{
    /// <summary>Throws <see cref="TrainingDivergedException"/> unless the step's terms and gradients are all finite.</summary>
    /// <param name="network">"generator" or "discriminator".</param>
    /// <param name="module">The network whose parameters the optimizer updates.</param>
    /// <param name="gradients">Each parameter's name with the gradient the optimizer will apply (null when it has none).</param>
    /// <param name="terms">The step's loss terms, in the order they are reported.</param>
    /// <param name="inputs">The network's inputs for the step, named (a non-finite input is named before any layer).</param>
    /// <param name="replay">Runs the step's forward pass again (under no_grad) so hooks can see each layer's output.</param>
    /// <param name="position">Epoch and batch, 1-based.</param>
    /// <param name="lastCheckpoint">The last checkpoint written, or null.</param>
    public static void Check(
        string network,
        nn.Module module,
        IReadOnlyList<(string Name, Tensor? Gradient)> gradients,
        IReadOnlyList<(string Term, Tensor Value)> terms,
        IReadOnlyList<(string Name, Tensor Value)> inputs,
        Action replay,
        (int Epoch, int Batch) position,
        string? lastCheckpoint)
    {
        if (AllFinite(gradients, terms))
        {
            return;
        }

        using var scope = NewDisposeScope();
        foreach (var (term, value) in terms)
        {
            double v = value.detach().to(ScalarType.Float64).sum().item<double>();
            if (!double.IsFinite(v))
            {
                string? layer = inputs.FirstOrDefault(i => !isfinite(i.Value.detach()).all().item<bool>()).Name ?? FirstNonFiniteLayer(module, replay);
                throw new TrainingDivergedException(network, position.Epoch, position.Batch, term, v, layer, Others(terms, term), lastCheckpoint);
            }
        }

        var bad = gradients.Where(g => g.Gradient is { } t && !isfinite(t).all().item<bool>()).Select(g => g.Name).ToList();
        if (bad.Count == 0)
        {
            return; // the quick sum overflowed on finite values
        }

        string detail = $"{bad.Count} of {gradients.Count(g => g.Gradient is not null)} parameters have non-finite gradients"
            + (bad.Count > 1 ? $" ({string.Join(", ", bad.Take(4).Select(b => $"'{b}'"))}{(bad.Count > 4 ? ", ..." : string.Empty)})" : string.Empty)
            + "; the loss terms were finite (" + string.Join(", ", terms.Select(t => $"{t.Term} {Format(t.Value)}")) + ")";
        throw new TrainingDivergedException(network, position.Epoch, position.Batch, "gradient", double.NaN, bad[^1], detail, lastCheckpoint);
    }

    /// <summary>One reduction per tensor and one synchronisation: NaN or ±∞ anywhere makes the total non-finite.</summary>
    private static bool AllFinite(IReadOnlyList<(string Name, Tensor? Gradient)> gradients, IReadOnlyList<(string Term, Tensor Value)> terms)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var parts = new List<Tensor>(gradients.Count + terms.Count);
        foreach (var (_, value) in terms)
        {
            parts.Add(value.detach().sum(type: ScalarType.Float32).reshape(1));
        }

        foreach (var (_, gradient) in gradients)
        {
            if (gradient is not null)
            {
                parts.Add(gradient.sum(type: ScalarType.Float32).reshape(1));
            }
        }

        return parts.Count == 0 || float.IsFinite(cat(parts).sum().item<float>());
    }

    /// <summary>Runs the forward pass again with a hook on every submodule; the first (innermost, earliest) non-finite output.</summary>
    private static string? FirstNonFiniteLayer(nn.Module module, Action replay)
    {
        var found = new FirstFound();
        var removers = new List<Action>();
        try
        {
            foreach (var (name, child) in module.named_modules())
            {
                string label = name.Length == 0 ? "(output)" : name;
                switch (child)
                {
                    case nn.Module<Tensor, Tensor> single:
                        removers.Add(single.register_forward_hook((_, _, output) => found.Inspect(label, output)).remove);
                        break;
                    case nn.Module<Tensor, Tensor, Tensor> pair:
                        removers.Add(pair.register_forward_hook((_, _, _, output) => found.Inspect(label, output)).remove);
                        break;
                }
            }

            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            replay();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The replay is a diagnosis only; the divergence is reported either way.
        }
        finally
        {
            foreach (var remove in removers)
            {
                remove();
            }
        }

        return found.Name;
    }

    private static string? Others(IReadOnlyList<(string Term, Tensor Value)> terms, string failed)
    {
        var others = terms.Where(t => t.Term != failed).Select(t => $"{t.Term} {Format(t.Value)}").ToList();
        return others.Count == 0 ? null : "The other loss terms: " + string.Join(", ", others);
    }

    private static string Format(Tensor value) =>
        value.detach().to(ScalarType.Float64).sum().item<double>().ToString("G4", CultureInfo.InvariantCulture);

    private sealed class FirstFound
    {
        public string? Name { get; private set; }

        public Tensor Inspect(string name, Tensor output)
        {
            if (Name is null && !isfinite(output.detach()).all().item<bool>())
            {
                Name = name;
            }

            return output;
        }
    }
}
