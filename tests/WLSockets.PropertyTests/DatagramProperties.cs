using CsCheck;

namespace WLSockets.PropertyTests;

/// <summary>UDP's framing is the datagram: on loopback, any payload up to the IPv4 maximum arrives whole and identical; above it, nothing is sent.</summary>
public class DatagramProperties
{
    [Fact]
    public void Any_datagram_up_to_the_maximum_arrives_whole_and_identical_and_above_it_nothing_is_sent()
    {
        using var receiver = DatagramSocket.Bind("127.0.0.1", 0);
        using var sender = DatagramSocket.Bind("127.0.0.1", 0);
        Gen<byte[]> payloads = Gen.Frequency(
            (4, Gen.Byte.Array[0, 1500]),
            (1, Gen.Byte.Array[DatagramSocket.MaxIPv4DatagramSize - 16, DatagramSocket.MaxIPv4DatagramSize + 16]));
        Bounded.Check(payloads, payload =>
        {
            if (payload.Length > DatagramSocket.MaxIPv4DatagramSize)
            {
                var error = Assert.Throws<WLSocketException>(() => sender.SendAsync(payload, receiver.LocalEndPoint, TestContext.Current.CancellationToken).AsTask().GetAwaiter().GetResult());
                Assert.Equal(WLSocketError.MessageTooLarge, error.Error);
                return;
            }

            sender.SendAsync(payload, receiver.LocalEndPoint, TestContext.Current.CancellationToken).AsTask().GetAwaiter().GetResult();
            Datagram datagram = receiver.ReceiveAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken).AsTask().GetAwaiter().GetResult();
            Assert.Equal(sender.LocalEndPoint, datagram.Sender);
            Assert.Equal(Convert.ToHexString(payload), Convert.ToHexString(datagram.Data));
        }, Bounded.Iterations(150), p => $"{p.Length}-byte datagram");

        // Nothing was sent by the refused ones: the receiver has no datagram left.
        var none = Assert.Throws<WLSocketException>(() => receiver.ReceiveAsync(TimeSpan.Zero, TestContext.Current.CancellationToken).AsTask().GetAwaiter().GetResult());
        Assert.Equal(WLSocketError.Timeout, none.Error);
    }
}
