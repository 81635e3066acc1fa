namespace LumbarBand.Bench;

/// <summary>
/// The signature of <c>Band.OnSample</c>. Built of primitives only, so a delegate of this host-side type can bind to
/// the method of a <c>Band</c> loaded in another load context (the instrumented copy of Core).
/// </summary>
internal delegate void SampleHandler(long timeUs, short ax, short ay, short az, short gx, short gy, short gz);
