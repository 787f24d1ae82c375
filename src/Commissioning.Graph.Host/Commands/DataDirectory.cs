using Commissioning.Graph.Modules.Shared;
using Commissioning.Graph.Server.Identity;

namespace Commissioning.Graph.Host.Commands;

/// <summary>
/// <c>--data-dir DIR</c>, accepted by <c>serve</c>, <c>token</c>, <c>migrate</c> and <c>seed</c>: the
/// directory of the SQLite file and of the development signing key. It is made absolute against the
/// directory the command is run from, so <c>token --data-dir DIR</c> signs with the key that
/// <c>serve --data-dir DIR</c> trusts wherever each is started.
/// </summary>
public static class DataDirectory
{
    public const string Option = "--data-dir";
    public const string SigningKeyFileName = "dev-signing-key.json";

    /// <summary>Removes <c>--data-dir DIR</c> from <paramref name="args"/>; the absolute directory, or null.</summary>
    public static string? Take(ref string[] args) =>
        CommandLine.TakeOption(ref args, Option) is { Length: > 0 } dir ? Path.GetFullPath(dir) : null;

    public static string SigningKeyPath(string directory) => Path.Combine(directory, SigningKeyFileName);

    /// <summary>The configuration keys (<c>Section:Key</c>) that <c>--data-dir</c> stands for, with their values.</summary>
    public static IReadOnlyList<(string Key, string Value)> Settings(string directory) =>
    [
        ($"{DatabaseOptions.SectionName}:SqliteFile", Path.Combine(directory, DatabaseOptions.SqliteFileName)),
        ($"{CommissioningIdentityOptions.SectionName}:DevelopmentTokens:SigningKeyPath", SigningKeyPath(directory)),
    ];

    /// <summary>Replaces <c>--data-dir DIR</c> in <paramref name="args"/> with the configuration it stands for
    /// (for building a server in-process; the command line uses <see cref="CommandLine.UseDataDirectory"/>).</summary>
    public static string[] Expand(string[] args) =>
        Take(ref args) is { } dir ? [.. args, .. Settings(dir).Select(s => $"--{s.Key}={s.Value}")] : args;
}
