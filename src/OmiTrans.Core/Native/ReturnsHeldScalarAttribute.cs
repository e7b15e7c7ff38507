namespace OmiTrans.Native;

/// <summary>
/// Marks a method or property whose <see cref="TorchSharp.Scalar"/> result is kept alive elsewhere (a static field or
/// cache), so passing the result straight to a native call is safe. Read by the repository's analyzer (OMT0003).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
internal sealed class ReturnsHeldScalarAttribute : Attribute
{
}
