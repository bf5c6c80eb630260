using System.Reflection;
using WLSockets.WLangage;

namespace WLSockets.Tests.WLangage;

/// <summary>Every French member has its English twin, with the same signature and the same constant value.</summary>
public class FacadeNamingTests
{
    private static readonly Dictionary<string, string> s_twins = new()
    {
        ["SocketCrée"] = "SocketCreate",
        ["SocketCréeUDP"] = "SocketCreateUDP",
        ["SocketAttendConnexion"] = "SocketWaitForConnection",
        ["SocketAccepte"] = "SocketAccept",
        ["SocketRefuse"] = "SocketDeny",
        ["SocketConnecte"] = "SocketConnect",
        ["SocketEcrit"] = "SocketWrite",
        ["SocketLit"] = "SocketRead",
        ["SocketChangeModeTransmission"] = "SocketChangeTransmissionMode",
        ["SocketClientInfo"] = "SocketClientInfo",
        ["SocketExiste"] = "SocketExist",
        ["SocketFerme"] = "SocketClose",
        ["ErreurInfo"] = "ErrorInfo",
        ["ErreurDétectée"] = "ErrorOccurred",
        ["SocketTailleDébut"] = "SocketTailleDébut",
        ["SocketMarqueurFin"] = "SocketEndTag",
        ["SocketMarqueurFinBuffer"] = "SocketEndTagBuffer",
        ["SocketSansMarqueurFin"] = "SocketNoEndTag",
        ["SocketAdresse"] = "SocketAddress",
        ["SocketPort"] = "SocketPort",
        ["Infini"] = "Infinite",
        ["RC"] = "CR",
        ["CRLF"] = "CRLF",
        ["EOT"] = "EOT",
        ["SocketOptionDéfaut"] = "SocketOptionDéfaut",
        ["SocketNagleOff"] = "SocketNagleOff",
        ["SocketOptimiseConnexionIP"] = "SocketOptimiseConnexionIP",
        ["SocketAdresseUnique"] = "SocketAdresseUnique",
        ["errCode"] = "errCode",
        ["errMessage"] = "errMessage",
        ["errCodeSystème"] = "errSystemCode",
        ["errMessageSystème"] = "errSystemMessage",
        ["errComplet"] = "errFullDetails",
        ["errPendant"] = "errPendant",
        ["errDateHeure"] = "errDateHeure",
        ["errRésumé"] = "errRésumé",
        ["Socket"] = "Socket",
        ["SocketCréeSSL"] = "SocketCreateSSL",
        ["SocketConnecteSSL"] = "SocketConnectSSL",
        ["SocketParamètre"] = "SocketConfigure",
        ["ProtocoleSSL2"] = "ProtocolSSL2",
        ["ProtocoleSSL3"] = "ProtocolSSL3",
        ["ProtocoleTLS1"] = "ProtocolTLS1",
        ["ProtocoleTLS1_1"] = "ProtocolTLS1_1",
        ["ProtocoleTLS1_2"] = "ProtocolTLS1_2",
        ["ProtocoleTLS1_3"] = "ProtocolTLS1_3",
        ["HashCertificat"] = "CertificateHash",
        ["NomCertificat"] = "CertificateName",
        ["certAutorité"] = "certAutorité",
        ["certConfiance"] = "certConfiance",
        ["certPersonnel"] = "certPersonnel",
        ["certRacine"] = "certRacine",
        ["socketParamètreMode"] = "socketParamètreMode",
        ["SocketCréeBluetooth"] = "SocketCreateBluetooth",
        ["SocketConnecteBluetooth"] = "SocketConnectBluetooth",
        ["SocketCréeInfraRouge"] = "SocketCreateInfrared",
        ["SocketConnecteInfraRouge"] = "SocketConnectInfrared",
        ["SocketProxy"] = "SocketProxy",
        ["WebSocketClientConnecte"] = "WebSocketClientConnect",
        ["WebSocketClientConnecteSSL"] = "WebSocketClientConnectSSL",
        ["SocketOuverture"] = "SocketOpening",
        ["SocketMessage"] = "SocketMessage",
        ["SocketFermeture"] = "SocketClosing",
        ["SocketErreur"] = "SocketError",
        ["FaxConnecte"] = "FaxConnect",
        ["FaxEnvoie"] = "FaxSend",
        ["FaxEtat"] = "FaxStatus",
        ["FaxBoîteEnvoi"] = "FaxOutbox",
        ["FaxRéinitialise"] = "FaxRestart",
        ["FaxSuspend"] = "FaxPause",
        ["FaxReprend"] = "FaxResume",
        ["FaxSupprime"] = "FaxDelete",
        ["FaxDéconnecte"] = "FaxDisconnect",
        ["FaxEtatAnnulé"] = "FaxEtatAnnulé",
        ["FaxEtatAppel"] = "FaxEtatAppel",
        ["FaxEtatBloqué"] = "FaxEtatBloqué",
        ["FaxEtatDéconnecté"] = "FaxEtatDéconnecté",
        ["FaxEtatEnvoi"] = "FaxEtatEnvoi",
        ["FaxEtatEnvoyé"] = "FaxEtatEnvoyé",
        ["FaxEtatErreur"] = "FaxEtatErreur",
        ["FaxEtatErreurFatale"] = "FaxEtatErreurFatale",
        ["FaxEtatFauxNuméro"] = "FaxEtatFauxNuméro",
        ["FaxEtatGestionnaireEnAttente"] = "FaxEtatGestionnaireEnAttente",
        ["FaxEtatHorsConnexion"] = "FaxEtatHorsConnexion",
        ["FaxEtatInactif"] = "FaxEtatInactif",
        ["FaxEtatIndisponible"] = "FaxEtatIndisponible",
        ["FaxEtatInit"] = "FaxEtatInit",
        ["FaxEtatOccupé"] = "FaxEtatOccupé",
        ["FaxEtatPasDeTonalité"] = "FaxEtatPasDeTonalité",
        ["FaxEtatPasFax"] = "FaxEtatPasFax",
        ["FaxEtatPrisEnCharge"] = "FaxStatusHandled",
        ["FaxEtatRéception"] = "FaxEtatRéception",
        ["FaxEtatRépondu"] = "FaxEtatRépondu",
        ["FaxEtatReporté"] = "FaxEtatReporté",
        ["FaxEtatRoutage"] = "FaxEtatRoutage",
        ["FaxEtatSansRéponse"] = "FaxEtatSansRéponse",
        ["FaxEtatSonnerie"] = "FaxEtatSonnerie",
    };

    [Fact]
    public void Every_french_member_has_an_english_twin_and_back()
    {
        string[] french = PublicNames(typeof(Fonctions));
        string[] english = PublicNames(typeof(Functions));
        Assert.Equal(french.Order(StringComparer.Ordinal), s_twins.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(english.Order(StringComparer.Ordinal), s_twins.Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Twin_methods_have_the_same_overloads()
    {
        foreach ((string fr, string en) in s_twins)
        {
            string[] frSignatures = Signatures(typeof(Fonctions), fr);
            string[] enSignatures = Signatures(typeof(Functions), en);
            Assert.True(frSignatures.SequenceEqual(enSignatures), $"{fr} / {en}: {string.Join(";", frSignatures)} vs {string.Join(";", enSignatures)}");
        }
    }

    [Fact]
    public void Twin_constants_have_the_same_value()
    {
        foreach ((string fr, string en) in s_twins)
        {
            FieldInfo? frField = typeof(Fonctions).GetField(fr);
            if (frField is null)
            {
                continue;
            }

            Assert.Equal(frField.GetRawConstantValue(), typeof(Functions).GetField(en)!.GetRawConstantValue());
        }
    }

    [Fact]
    public void French_names_keep_their_accents_precomposed()
    {
        Assert.NotNull(typeof(Fonctions).GetMethod("SocketCr\u00e9e"));
        Assert.NotNull(typeof(Fonctions).GetField("SocketTailleD\u00e9but"));
        Assert.NotNull(typeof(Fonctions).GetProperty("ErreurD\u00e9tect\u00e9e"));
    }

    [Fact]
    public void Constant_values_are_winDev_values()
    {
        Assert.Equal(1, Fonctions.SocketTailleDébut);
        Assert.Equal(0, Fonctions.SocketMarqueurFin);
        Assert.Equal(2, Fonctions.SocketMarqueurFinBuffer);
        Assert.Equal(3, Fonctions.SocketSansMarqueurFin);
        Assert.Equal(1, Fonctions.SocketAdresse);
        Assert.Equal(2, Fonctions.SocketPort);
        Assert.Equal("\r\n", Fonctions.RC);
        Assert.Equal("\u0004", Fonctions.EOT);
    }

    private static string[] PublicNames(Type type) => type
        .GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
        .Where(m => m is not MethodInfo { IsSpecialName: true })
        .Select(m => m.Name)
        .Distinct()
        .ToArray();

    private static string[] Signatures(Type type, string name) => type
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name == name)
        .Select(m => $"{m.ReturnType.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name + (p.HasDefaultValue ? "=" + p.DefaultValue : "")))})")
        .Order(StringComparer.Ordinal)
        .ToArray();
}
