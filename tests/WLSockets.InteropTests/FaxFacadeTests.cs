using System.Collections.Concurrent;
using System.Globalization;
using WLSockets.InteropTests.Infrastructure;
using WLSockets.WLangage;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.InteropTests;

/// <summary>The WLangage fax functions against the real HylaFAX server.</summary>
[Collection(HylaFaxGroup.Name)]
public sealed class FaxFacadeTests(HylaFaxServer server) : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private string Server => "127.0.0.1:" + server.Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_windev_sample_flow_sends_lists_checks_and_deletes_a_fax()
    {
        server.RequireAvailable();
        WLangageSettings.FaxUser = "wlfacade";
        int connection = FaxConnecte(Server);
        Assert.True(connection > 0, ErreurInfo());
        try
        {
            string document = HylaFaxServer.WritePostScript(_files.File("devis.ps"), 1);
            string[] before = FaxBoîteEnvoi(connection).Split(RC, StringSplitOptions.RemoveEmptyEntries);
            var states = new ConcurrentQueue<(string Name, int State)>();
            using var cancelled = new SemaphoreSlim(0);
            WLangageSettings.FaxPollInterval = TimeSpan.FromMilliseconds(50);
            Assert.True(FaxEnvoie(connection, "Devis 42", document, "5554242", "", (name, state) =>
            {
                states.Enqueue((name, state));
                if (state == FaxEtatAnnulé)
                {
                    cancelled.Release();
                }
            }), ErreurInfo());
            Assert.False(ErreurDétectée);

            string id = Assert.Single(FaxBoîteEnvoi(connection).Split(RC, StringSplitOptions.RemoveEmptyEntries).Except(before));
            Assert.Contains(FaxEtat(connection, "Devis 42"), new[] { FaxEtatPrisEnCharge, FaxEtatAppel, FaxEtatBloqué });
            Assert.Equal(FaxEtat(connection, "Devis 42"), FaxEtat(connection, int.Parse(id, CultureInfo.InvariantCulture)));

            Assert.True(FaxSupprime(connection, "Devis 42"), ErreurInfo());
            Assert.True(await cancelled.WaitAsync(Tools.Timeout, Tools.Token), "the procedure never heard FaxEtatAnnulé: " + string.Join(", ", states));
            Assert.Equal(FaxEtatAnnulé, FaxEtat(connection, "Devis 42"));
            Assert.All(states, s => Assert.Equal("Devis 42", s.Name));
            Assert.Equal(FaxEtatAnnulé, states.Last().State);
            Assert.DoesNotContain(id, FaxBoîteEnvoi(connection).Split(RC));

            // Restarting a deleted fax fails without throwing; the server's refusal is in ErreurInfo.
            Assert.False(FaxRéinitialise(connection, "Devis 42"));
            Assert.True(ErreurDétectée);
            Assert.Equal("FaxRéinitialise", ErreurInfo(errPendant).ToString());
        }
        finally
        {
            FaxDéconnecte(connection);
            WLangageSettings.FaxUser = null;
        }

        Assert.Equal(0, FaxEtat(connection, "Devis 42")); // the identifier is no longer valid
        Assert.True(ErreurDétectée);
    }

    [Fact]
    public void A_fax_is_restarted_while_it_waits_in_the_queue()
    {
        server.RequireAvailable();
        int connection = Functions.FaxConnect(Server);
        Assert.True(connection > 0, Functions.ErrorInfo());
        try
        {
            Assert.True(Functions.FaxSend(connection, "relance", HylaFaxServer.WritePostScript(_files.File("relance.ps"), 1), "5550003"), Functions.ErrorInfo());
            Assert.True(Functions.FaxPause(connection, "relance"), Functions.ErrorInfo());
            Assert.Equal(Functions.FaxEtatInactif, Functions.FaxStatus(connection, "relance"));
            Assert.True(Functions.FaxRestart(connection, "relance"), Functions.ErrorInfo());
            Assert.NotEqual(Functions.FaxEtatInactif, Functions.FaxStatus(connection, "relance"));
            Assert.False(Functions.ErrorOccurred);
        }
        finally
        {
            Functions.FaxDelete(connection, "relance");
            Functions.FaxDisconnect(connection);
        }
    }

    [Fact]
    public void Failures_return_the_documented_values_and_set_the_error()
    {
        server.RequireAvailable();
        Assert.Equal(0, FaxConnecte("127.0.0.1:" + NetTools.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)));
        Assert.Equal((int)WLSocketError.ConnectionRefused, ErreurInfo(errCode).ToInt32());
        Assert.NotEqual("", ErreurInfo(errMessageSystème).ToString());

        int connection = FaxConnecte(Server);
        Assert.True(connection > 0, ErreurInfo());
        try
        {
            string text = _files.File("note.txt");
            File.WriteAllText(text, "plain text");
            Assert.False(FaxEnvoie(connection, "note", text, "5551234"));
            Assert.Equal((int)WLSocketError.FaxUnsupportedDocument, ErreurInfo(errCode).ToInt32());
            Assert.Equal(0, FaxEtat(connection, "no such fax"));
            Assert.Equal((int)WLSocketError.FaxJobNotFound, ErreurInfo(errCode).ToInt32());
            Assert.False(FaxRéinitialise(connection, 999_999));
            Assert.Equal((int)WLSocketError.FaxJobNotFound, ErreurInfo(errCode).ToInt32());
        }
        finally
        {
            FaxDéconnecte(connection);
        }
    }
}
