using System.Net;
using System.Net.Sockets;
using WLSockets.Cli.Infrastructure;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// WLangage code ported line by line: a standard server (SocketCrée, SocketAttendConnexion, SocketAccepte) and a
/// client (SocketConnecte) exchange messages with SocketEcrit/SocketLit, through a <see cref="WireTap"/>; then the
/// WinDev error model (ErreurDétectée, ErreurInfo) on a closed connection.
/// </summary>
internal sealed class WLangageFacadeCase : IDemoCase
{
    private static readonly byte[] s_expectedWire = [0x39, 0x0D, 0x0A, 0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x57, 0x6F, 0x72, 0x64];

    public string Name => "wlangage";

    public string Title => "the WLangage functions (using static WLSockets.WLangage.Fonctions): SocketCrée ... SocketFerme";

    public Task RunAsync(DemoContext context) =>
        // The WLangage functions block the calling thread, as in WinDev: run them on their own thread.
        context.WithinAsync(Task.Factory.StartNew(() => Run(context), context.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap(), "the WLangage exchange");

    private static async Task Run(DemoContext context)
    {
        string serveur = $"Serveur-{Guid.NewGuid():N}";
        string client = $"Client-{Guid.NewGuid():N}";
        int port = CreateServer(serveur);
        try
        {
            context.Say("server", $"SocketCrée(\"Serveur\", {port}, \"127.0.0.1\") = Vrai");
            await using WireTap tap = WireTap.Start(new IPEndPoint(IPAddress.Loopback, port), context.CancellationToken);
            DemoContext.Expect(SocketConnecte(client, tap.EndPoint.Port, "127.0.0.1"), $"SocketConnecte failed: {ErreurInfo()}");
            context.Say("client", $"SocketConnecte(\"Client\", {tap.EndPoint.Port}, \"127.0.0.1\") = Vrai");
            DemoContext.Expect(SocketAttendConnexion(serveur, 5000), $"SocketAttendConnexion saw no client: {ErreurInfo()}");
            string canal = SocketAccepte(serveur);
            DemoContext.Expect(canal != "", $"SocketAccepte failed: {ErreurInfo()}");
            context.Say("server", $"SocketAttendConnexion = Vrai; SocketAccepte = \"{canal}\" (client {SocketClientInfo(canal, SocketAdresse)}:{SocketClientInfo(canal, SocketPort)})");

            DemoContext.Expect(SocketEcrit(client, "HelloWord"), $"SocketEcrit failed: {ErreurInfo()}");
            string reçu = SocketLit(canal, false, 5000);
            context.ShowWire(tap.ClientBytes, "written by SocketEcrit(\"Client\", \"HelloWord\")");
            context.Say("server", $"SocketLit(canal, Faux, 5000) = \"{reçu}\"");
            DemoContext.ExpectBytes(s_expectedWire, tap.ClientBytes, "wire bytes");
            DemoContext.Expect(reçu == "HelloWord", $"SocketLit returned \"{ByteFormat.EscapeControls(reçu)}\"");

            DemoContext.Expect(SocketEcrit(canal, "Bien reçu"), $"SocketEcrit on the channel failed: {ErreurInfo()}");
            string réponse = SocketLit(client, false, 5000);
            context.Say("client", $"SocketLit(\"Client\", Faux, 5000) = \"{réponse}\"");
            DemoContext.Expect(réponse == "Bien reçu", $"the client read \"{ByteFormat.EscapeControls(réponse)}\"");

            SocketFerme(client);
            string fin = SocketLit(canal, false, 5000);
            context.Say("server", $"after SocketFerme(\"Client\"): SocketLit = \"{fin}\", ErreurDétectée = {ErreurDétectée}, ErreurInfo(errCode) = {ErreurInfo(errCode)}");
            DemoContext.Expect(fin == "" && ErreurDétectée && ErreurInfo(errCode) == 100031, "the end of the connection was not reported as error 100031");
            SocketFerme(canal);
            context.Say("check", "wire is exactly 39 0d 0a 48 65 6c 6c 6f 57 6f 72 64; replies intact; a closed peer reads \"\" with 100031");
        }
        finally
        {
            if (SocketExiste(client))
            {
                SocketFerme(client);
            }

            SocketFerme(serveur);
        }
    }

    /// <summary>SocketCrée takes a real port (1 to 65535, as WinDev): ask the OS for a free one, retry on the rare collision.</summary>
    private static int CreateServer(string name)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            int port;
            using (var probe = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            }

            if (SocketCrée(name, port, "127.0.0.1"))
            {
                return port;
            }
        }

        throw new DemoFailedException($"SocketCrée failed: {ErreurInfo()}");
    }
}
