namespace LumbarBand.Host.Sessions;

/// <summary>One of the band's settings as it was when a session started (from the session's settings snapshot).</summary>
/// <param name="Name">The setting's name in Core's catalog.</param>
/// <param name="Value">Its value.</param>
/// <param name="Unit">Its unit symbol.</param>
/// <param name="Default">Core's default, to show what a therapist changed.</param>
public sealed record SettingInForce(string Name, int Value, string Unit, int Default);
