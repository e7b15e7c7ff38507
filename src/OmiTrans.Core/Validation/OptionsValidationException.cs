namespace OmiTrans.Validation;

/// <summary>Thrown by <see cref="TranslatorBuilder.Build"/> and baseline constructors when settings are invalid; lists every problem at once.</summary>
public sealed class OptionsValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="owner">What was being validated (for example "TranslatorBuilder").</param>
    /// <param name="errors">One message per problem.</param>
    public OptionsValidationException(string owner, IReadOnlyList<string> errors)
        : base($"The '{owner}' settings are invalid.{Environment.NewLine}Validation Errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => "- " + e))}")
    {
        Errors = errors;
    }

    /// <summary>One message per problem.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Throws when the validation produced any message, listing them all.</summary>
    internal static void ThrowIfAny(string owner, IEnumerable<string> errors)
    {
        var list = errors.ToList();
        if (list.Count > 0)
        {
            throw new OptionsValidationException(owner, list);
        }
    }
}
