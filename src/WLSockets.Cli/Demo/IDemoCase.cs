namespace WLSockets.Cli.Demo;

/// <summary>
/// One demo case: starts what it needs through <see cref="DemoContext"/> (loopback only), prints what went over the
/// wire and what was received, and checks it. Completing normally is a PASS; <see cref="DemoFailedException"/>
/// (through <see cref="DemoContext.Expect"/> and friends) or any other exception is a FAIL.
/// </summary>
/// <remarks>Register new cases in <see cref="DemoCatalog.All"/>.</remarks>
internal interface IDemoCase
{
    /// <summary>Short unique name, lowercase with dashes: shown in <c>PASS name</c> and accepted by <c>wlsock demo NAME</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what the case shows.</summary>
    string Title { get; }

    /// <summary>Runs the case. Everything created through <paramref name="context"/> is disposed afterwards.</summary>
    Task RunAsync(DemoContext context);
}
