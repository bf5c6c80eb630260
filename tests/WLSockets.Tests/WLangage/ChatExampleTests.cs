using System.Collections.Concurrent;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.WLangage;

/// <summary>
/// The WD "Utilisation des sockets" chat example ported line by line (examples.md, tcp-core.md 13.2/13.3): a standard
/// server with an accept thread and one thread per channel polling SocketLit(canal, Faux, 10), broadcasting to every
/// channel that SocketExiste, "BYE" ending a client; clients with a reception thread.
/// </summary>
public class ChatExampleTests
{
    [Fact(Timeout = 30_000)]
    public async Task Two_clients_chat_through_a_standard_server()
    {
        string serveur = UniqueName("Serveur");
        int port = CreateListener(serveur);
        var canaux = new ConcurrentDictionary<string, string>(); // channel -> client address
        var reçusParLeServeur = new ConcurrentQueue<string>();
        var threadsCanaux = new ConcurrentBag<Task>();
        using var canauxOuverts = new CountdownEvent(2);
        using var canauxFermés = new CountdownEvent(2);

        // Server: accept loop in a thread (SocketAttendConnexion / SocketAccepte), one thread per channel.
        Task accepte = RunThread(() =>
        {
            while (SocketExiste(serveur))
            {
                if (!SocketAttendConnexion(serveur, 100))
                {
                    continue;
                }

                string canal = SocketAccepte(serveur);
                if (canal == "")
                {
                    continue;
                }

                canaux[canal] = SocketClientInfo(canal, SocketAdresse);
                threadsCanaux.Add(RunThread(() => ServirCanal(canal)));
                canauxOuverts.Signal();
            }
        });

        void ServirCanal(string canal)
        {
            while (true)
            {
                string message = SocketLit(canal, false, 10);
                if (message == "")
                {
                    if (ErreurDétectée)
                    {
                        break; // connection gone
                    }

                    continue;
                }

                if (message == "BYE")
                {
                    break;
                }

                reçusParLeServeur.Enqueue(message);
                foreach (string autre in canaux.Keys)
                {
                    if (SocketExiste(autre))
                    {
                        SocketEcrit(autre, message);
                    }
                }
            }

            canaux.TryRemove(canal, out _);
            SocketFerme(canal);
            canauxFermés.Signal();
        }

        // Two clients, each with a reception thread.
        string alice = UniqueName("Alice"), bob = UniqueName("Bob");
        Assert.True(SocketConnecte(alice, port, "127.0.0.1"), ErreurInfo());
        Assert.True(SocketConnecte(bob, port, "127.0.0.1"), ErreurInfo());
        Assert.True(canauxOuverts.Wait(WaitLimit, TestContext.Current.CancellationToken), "the server did not accept both clients");

        var pourAlice = new BlockingCollection<string>();
        var pourBob = new BlockingCollection<string>();
        Task réceptionAlice = RunThread(() => Réception(alice, pourAlice, 2));
        Task réceptionBob = RunThread(() => Réception(bob, pourBob, 2));

        Assert.True(SocketEcrit(alice, "Alice : bonjour à tous"));
        Assert.Equal("Alice : bonjour à tous", Take(pourAlice));
        Assert.Equal("Alice : bonjour à tous", Take(pourBob));
        Assert.True(SocketEcrit(bob, "Bob : salut Alice"));
        Assert.Equal("Bob : salut Alice", Take(pourAlice));
        Assert.Equal("Bob : salut Alice", Take(pourBob));
        await Task.WhenAll(réceptionAlice, réceptionBob).WaitAsync(WaitLimit, TestContext.Current.CancellationToken);

        // The server identified both clients on loopback.
        Assert.All(canaux.Values, adresse => Assert.Equal("127.0.0.1", adresse));
        Assert.Equal(["Alice : bonjour à tous", "Bob : salut Alice"], reçusParLeServeur.ToArray());

        // Closing as the example's client window does: BYE then SocketFerme.
        foreach (string client in new[] { alice, bob })
        {
            if (SocketExiste(client))
            {
                SocketEcrit(client, "BYE");
            }

            SocketFerme(client);
            Assert.False(SocketExiste(client));
        }

        Assert.True(canauxFermés.Wait(WaitLimit, TestContext.Current.CancellationToken), "the server did not end both channels on BYE");
        Assert.Empty(canaux);
        await Task.WhenAll(threadsCanaux).WaitAsync(WaitLimit, TestContext.Current.CancellationToken);

        SocketFerme(serveur);
        Assert.False(ErreurDétectée);
        await accepte.WaitAsync(WaitLimit, TestContext.Current.CancellationToken);
    }

    private static void Réception(string nom, BlockingCollection<string> reçus, int attendus)
    {
        for (int reçu = 0; reçu < attendus;)
        {
            string message = SocketLit(nom, false, 20);
            if (message != "")
            {
                reçus.Add(message);
                reçu++;
            }
        }
    }

    private static string Take(BlockingCollection<string> messages) =>
        messages.TryTake(out string? message, WaitLimit) ? message : throw new TimeoutException("No message within the timeout.");
}
