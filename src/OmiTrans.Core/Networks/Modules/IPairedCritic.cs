using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// A conditional discriminator that scores a real and a fake batch sharing one source batch in a single call, doing the
/// work that depends on the source alone once rather than once per batch. The result equals calling the discriminator
/// on the real batch and on the fake batch (rows: real first, then fake); only for discriminators whose output for a
/// sample depends on that sample alone.
/// </summary>
internal interface IPairedCritic
{
    /// <summary>Logits of [real; fake], each conditioned on <paramref name="source"/>.</summary>
    Tensor ScoreRealAndFake(Tensor real, Tensor fake, Tensor source);
}
