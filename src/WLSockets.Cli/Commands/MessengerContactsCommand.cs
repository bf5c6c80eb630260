using System.CommandLine;
using WLSockets.Cli.Infrastructure;
using WLSockets.Messenger;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock messenger contacts add|remove|list</c>: the address book (name, IP address, DNS name).</summary>
internal sealed class MessengerContactsCommand : Command
{
    public MessengerContactsCommand(CliConsole console, Option<string> db)
        : base("contacts", "The messenger's address book (SQLite): add, remove, list. A contact is recognised by its IP address.")
    {
        var name = new Argument<string>("NAME") { Description = "The contact's name (unique, case-insensitive)." };
        var ip = new Argument<string>("IP") { Description = "The contact's IP address: where its messenger runs, and how its requests are recognised." };
        var dns = new Argument<string?>("DNS") { Description = "Optional DNS name, resolved before each chat (the address found is saved back).", Arity = ArgumentArity.ZeroOrOne };
        var add = new Command("add", "Add a contact: wlsock messenger contacts add Alice 192.168.1.20 [alice-pc.lan]") { name, ip, dns };
        add.SetAction(parseResult =>
        {
            ContactBook book = MessengerCommand.OpenBook(parseResult.GetValue(db));
            Contact contact;
            try
            {
                contact = book.Add(parseResult.GetValue(name)!, parseResult.GetValue(ip), parseResult.GetValue(dns));
            }
            catch (ArgumentException ex)
            {
                throw new CliFailureException(ex.Message.Split(" (Parameter", 2)[0], ex);
            }

            console.WriteLine($"added {Format(contact)}");
            return ExitCodes.Success;
        });

        var removeName = new Argument<string>("NAME") { Description = "The contact's name." };
        var remove = new Command("remove", "Remove a contact by name.") { removeName };
        remove.SetAction(parseResult =>
        {
            ContactBook book = MessengerCommand.OpenBook(parseResult.GetValue(db));
            string target = parseResult.GetValue(removeName)!;
            if (!book.Remove(target))
            {
                throw new CliFailureException($"no contact named '{target}' in {book.Path}: 'wlsock messenger contacts list' shows the names.");
            }

            console.WriteLine($"removed {target}");
            return ExitCodes.Success;
        });

        var list = new Command("list", "List the contacts, one per line: NAME<TAB>IP<TAB>DNS (- when empty).");
        list.SetAction(parseResult =>
        {
            ContactBook book = MessengerCommand.OpenBook(parseResult.GetValue(db));
            IReadOnlyList<Contact> contacts = book.List();
            if (contacts.Count == 0)
            {
                console.ReportNote($"no contacts in {book.Path}: add one with 'wlsock messenger contacts add NAME IP'");
            }

            foreach (Contact contact in contacts)
            {
                console.WriteLine(Format(contact));
            }

            return ExitCodes.Success;
        });

        Subcommands.Add(add);
        Subcommands.Add(remove);
        Subcommands.Add(list);
    }

    private static string Format(Contact contact) => $"{contact.Name}\t{contact.IpAddress ?? "-"}\t{contact.DnsName ?? "-"}";
}
