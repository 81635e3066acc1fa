using System.CommandLine;
using LumbarBand.Host.Store;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// The options that choose a store: <c>--data-dir</c> (where stores live) and <c>--profile</c> (whose store: one
/// database per wearer). One instance per command.
/// </summary>
public sealed class StoreOptions
{
    /// <summary>Options whose profile is <paramref name="defaultProfile"/> unless told otherwise.</summary>
    public StoreOptions(string defaultProfile = DataDirectory.DefaultProfile)
    {
        Profile = new Option<string>("--profile")
        {
            Description = $"whose store: one database per wearer (default: {defaultProfile})",
            DefaultValueFactory = _ => defaultProfile,
        }.IsName();
    }

    /// <summary>--data-dir: the folder of the stores.</summary>
    public Option<string?> DataDir { get; } = HostCommand.DataDirOption();

    /// <summary>--profile: whose store.</summary>
    public Option<string> Profile { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(DataDir);
        command.Options.Add(Profile);
    }

    /// <summary>The folder of the store the parsed options name.</summary>
    public string Directory(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return DataDirectory.ForProfile(HostCommand.DataDirectory(parse, DataDir), parse.GetValue(Profile)!);
    }

    /// <summary>Opens the store the parsed options name (read-only: it must exist, and nothing is written).</summary>
    public SessionStore Open(ParseResult parse, bool readOnly = false) => SessionStore.Open(Directory(parse), readOnly: readOnly);
}
