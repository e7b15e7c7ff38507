namespace OmiTrans.Networks;

/// <summary>A network factory whose settings can be checked before training starts.</summary>
public interface IValidatableNetwork
{
    /// <summary>Checks the settings; returns one message per problem (none when valid).</summary>
    IEnumerable<string> Validate();
}
