namespace OmiTrans.Testing;

/// <summary>Tests that train networks run one after another, so they do not compete for the two cores.</summary>
[CollectionDefinition(Name)]
public sealed class TrainingCollection
{
    public const string Name = "Training";
}
