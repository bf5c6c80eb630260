using System.CommandLine;

namespace WLSockets.Cli.Infrastructure;

/// <summary>
/// The global SOCKS5 options (<c>--socks5 HOST:PORT</c>, <c>--socks-user</c>, <c>--socks-password-env</c>), recursive
/// so they apply to every client command (<c>send</c>, <c>ws</c>) wherever they are typed.
/// </summary>
internal sealed class ProxyOptions
{
    public Option<string> Socks5 { get; } = new("--socks5")
    {
        Description = "Connect through this SOCKS5 proxy (client commands: send, ws): HOST:PORT or socks5://HOST:PORT " +
            "(destination names resolved here), socks5h://HOST:PORT (the proxy resolves them). IPv6 in brackets: [::1]:1080. Default port 1080.",
        HelpName = "PROXY",
        Recursive = true,
    };

    public Option<string> User { get; } = new("--socks-user")
    {
        Description = "With --socks5: authenticate to the proxy with this user name (RFC 1929); the password comes from --socks-password-env.",
        HelpName = "USER",
        Recursive = true,
    };

    public Option<string> PasswordEnv { get; } = new("--socks-password-env")
    {
        Description = "With --socks-user: the name of the environment variable holding the proxy password (never given on the command line, never printed).",
        HelpName = "VAR",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Socks5);
        command.Options.Add(User);
        command.Options.Add(PasswordEnv);
    }

    /// <summary>The proxy to connect through, or null without <c>--socks5</c>.</summary>
    /// <exception cref="UsageException">A bad address, options without --socks5, a missing environment variable.</exception>
    public Socks5ProxyOptions? Resolve(ParseResult parseResult)
    {
        OptionChecks.Requires(parseResult, Socks5, "the proxy options go with a --socks5 proxy.", User, PasswordEnv);
        OptionChecks.Requires(parseResult, User, "the password is for the --socks-user name.", PasswordEnv);
        string? address = parseResult.GetValue(Socks5);
        if (address is null)
        {
            return null;
        }

        if (address.Contains('@', StringComparison.Ordinal))
        {
            throw new UsageException("--socks5 takes no user name or password: use --socks-user USER and --socks-password-env VAR (the password is never given on the command line).");
        }

        Socks5ProxyOptions parsed;
        try
        {
            parsed = Socks5ProxyOptions.Parse(address);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--socks5: {ex.Message}");
        }

        string? user = parseResult.GetValue(User);
        if (user is null)
        {
            return parsed;
        }

        string? variable = parseResult.GetValue(PasswordEnv);
        string? password = null;
        if (variable is not null)
        {
            password = Environment.GetEnvironmentVariable(variable)
                ?? throw new UsageException($"The environment variable '{variable}' named by --socks-password-env is not set: export {variable}=... first (the password is never given on the command line).");
        }

        try
        {
            return new Socks5ProxyOptions(parsed.Host, parsed.Port)
            {
                ResolveHostRemotely = parsed.ResolveHostRemotely,
                Username = user,
                Password = password,
            };
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
