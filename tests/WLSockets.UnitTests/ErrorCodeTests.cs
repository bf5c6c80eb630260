namespace WLSockets.UnitTests;

/// <summary>Error numbers reported through ErreurInfo(errCode) (open question G4).</summary>
public class ErrorCodeTests
{
    [Theory]
    [InlineData(WLSocketError.ConnectionClosed, 100031)]
    [InlineData(WLSocketError.ConnectionReset, 100032)]
    [InlineData(WLSocketError.SocketBusy, 100121)]
    [InlineData(WLSocketError.UnknownSocket, 190001)]
    [InlineData(WLSocketError.NameInUse, 190002)]
    [InlineData(WLSocketError.InvalidArgument, 190003)]
    [InlineData(WLSocketError.ConnectionRefused, 190010)]
    [InlineData(WLSocketError.HostNotFound, 190011)]
    [InlineData(WLSocketError.Timeout, 190012)]
    [InlineData(WLSocketError.AddressInUse, 190013)]
    [InlineData(WLSocketError.TlsHandshakeFailed, 190020)]
    [InlineData(WLSocketError.CertificateNotFound, 190021)]
    [InlineData(WLSocketError.CertificateRejected, 190022)]
    [InlineData(WLSocketError.FramingError, 190030)]
    [InlineData(WLSocketError.MessageTooLarge, 190031)]
    [InlineData(WLSocketError.EndMarkersNotRespected, 190032)]
    [InlineData(WLSocketError.ProxyFailure, 190040)]
    [InlineData(WLSocketError.NotSupported, 190050)]
    [InlineData(WLSocketError.WebSocketHandshakeFailed, 190060)]
    [InlineData(WLSocketError.RelayConnectFailed, 190070)]
    [InlineData(WLSocketError.FaxCommandRefused, 190090)]
    [InlineData(WLSocketError.FaxLoginRefused, 190091)]
    [InlineData(WLSocketError.FaxJobNotFound, 190092)]
    [InlineData(WLSocketError.FaxUnsupportedDocument, 190093)]
    [InlineData(WLSocketError.FaxProtocolViolation, 190094)]
    [InlineData(WLSocketError.FaxTransferFailed, 190095)]
    public void Codes_are_the_documented_numbers(WLSocketError error, int code)
    {
        Assert.Equal(code, (int)error);
        var exception = new WLSocketException(error, "message");
        Assert.Equal(error, exception.Error);
        Assert.Equal(code, exception.HResult);
    }
}
