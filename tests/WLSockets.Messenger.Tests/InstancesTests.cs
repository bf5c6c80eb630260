using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.Messenger.Tests;

/// <summary>Several of our instances on distinct loopback addresses find each other, chat, and end with DEMANDE_ARRET.</summary>
public sealed class InstancesTests : WithTempFolder
{
    [Fact]
    public async Task Two_instances_find_each_other_chat_and_end()
    {
        Node[] nodes = await Net.StartAsync(Folder, 2, 3);
        await using Node a = nodes[0];
        await using Node b = nodes[1];

        Assert.Equal(["n3"], (await a.Messenger.ScanAsync(Tools.Token)).Select(c => c.Name));
        Assert.Equal(["n2"], (await b.Messenger.ScanAsync(Tools.Token)).Select(c => c.Name));

        ChatRequestResult result = await a.Messenger.RequestChatAsync(a.Contact("n3"), Tools.Token);
        Assert.Equal(ChatRequestOutcome.Accepted, result.Outcome);
        MessengerEventArgs incoming = await b.WaitForAsync(e => e.Kind == MessengerEventKind.ConversationOpened, "b's conversation");
        Assert.Equal("n2", incoming.Contact!.Name); // recognised by the address a connected from

        await result.Conversation!.SendAsync("Bonjour B", Tools.Token);
        await b.WaitForMessageAsync("n2", "Bonjour B");
        await incoming.Conversation!.SendAsync("Salut A, ça va ?", Tools.Token);
        await a.WaitForMessageAsync("n3", "Salut A, ça va ?");

        // A second request from B while the conversation is open reuses it (no new connection).
        ChatRequestResult again = await b.Messenger.RequestChatAsync(b.Contact("n2"), Tools.Token);
        Assert.Same(incoming.Conversation, again.Conversation);

        await result.Conversation.EndAsync();
        await b.WaitForEndAsync("n2", ConversationEndReason.Peer);
        await a.WaitForEndAsync("n3", ConversationEndReason.Local);
        Assert.Empty(a.Messenger.Conversations);
        Assert.Empty(b.Messenger.Conversations);
    }

    [Fact]
    public async Task Three_instances_all_online_two_conversations_at_once()
    {
        Node[] nodes = await Net.StartAsync(Folder, 2, 3, 4);
        await using Node a = nodes[0];
        await using Node b = nodes[1];
        await using Node c = nodes[2];

        foreach (Node node in nodes)
        {
            Assert.Equal(2, (await node.Messenger.ScanAsync(Tools.Token)).Count);
        }

        ChatRequestResult ab = await a.Messenger.RequestChatAsync(a.Contact("n3"), Tools.Token);
        ChatRequestResult ca = await c.Messenger.RequestChatAsync(c.Contact("n2"), Tools.Token);
        Assert.Equal(ChatRequestOutcome.Accepted, ab.Outcome);
        Assert.Equal(ChatRequestOutcome.Accepted, ca.Outcome);
        Assert.Equal(2, a.Messenger.Conversations.Count);

        await ab.Conversation!.SendAsync("to B", Tools.Token);
        await ca.Conversation!.SendAsync("to A from C", Tools.Token);
        await b.WaitForMessageAsync("n2", "to B");
        await a.WaitForMessageAsync("n4", "to A from C");
        Assert.DoesNotContain(c.Events, e => e.Kind == MessengerEventKind.MessageReceived);

        await ca.Conversation.EndAsync();
        await a.WaitForEndAsync("n4", ConversationEndReason.Peer);
        Assert.True(ab.Conversation.IsOpen);
        await ab.Conversation.SendAsync("still on", Tools.Token);
        await b.WaitForMessageAsync("n2", "still on");

        // C leaves: the next scans of A and B see it gone.
        await c.DisposeAsync();
        Assert.DoesNotContain("n4", (await a.Messenger.ScanAsync(Tools.Token)).Select(x => x.Name));
        Assert.DoesNotContain("n4", (await b.Messenger.ScanAsync(Tools.Token)).Select(x => x.Name));
        await a.WaitForAsync(e => e.Kind == MessengerEventKind.ContactOffline && e.Contact!.Name == "n4", "n4 offline");
    }

    [Fact]
    public async Task Disposing_an_instance_ends_its_conversations_with_DEMANDE_ARRET()
    {
        Node[] nodes = await Net.StartAsync(Folder, 2, 3);
        await using Node b = nodes[1];
        await using (Node a = nodes[0])
        {
            Assert.Equal(ChatRequestOutcome.Accepted, (await a.Messenger.RequestChatAsync(a.Contact("n3"), Tools.Token)).Outcome);
            await b.WaitForAsync(e => e.Kind == MessengerEventKind.ConversationOpened, "b's conversation");
        }

        await b.WaitForEndAsync("n2", ConversationEndReason.Peer);
    }

    [Fact]
    public async Task The_periodic_scan_announces_an_arrival_without_being_asked()
    {
        (int, int) ports = Net.FreePorts();
        ContactBook book = ContactBook.Open(Folder.File("a.db"));
        book.Add("late", "127.0.0.3", null);
        MessengerOptions options = Net.Options(2, ports);
        options.ScanInterval = TimeSpan.FromMilliseconds(100);
        await using var a = new Node(MessengerNode.Start(book, options));
        await using var late = new Node(MessengerNode.Start(ContactBook.Open(Folder.File("late.db")), Net.Options(3, ports)));
        await a.WaitForAsync(e => e.Kind == MessengerEventKind.ContactOnline && e.Contact!.Name == "late", "the arrival of 'late'");
    }
}
