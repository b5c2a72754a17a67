using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts.Messages;
using Parley.Contracts.Search;
using Parley.Data;
using Parley.Data.Messages;
using Parley.Server.Features.Search;
using Parley.Server.Tests.Features.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Search;

public sealed class MessageSearchTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private static async Task<MessageSearchResponse> SearchAsync(Person person, string query) =>
        await (await person.Client.GetAsync($"/api/v1/search/messages?{query}")).ReadAsync<MessageSearchResponse>();

    private static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    [Theory, AllDatabases]
    public async Task Partial_words_cyrillic_cjk_case_and_accents_all_match(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var marker = Guid.NewGuid().ToString("N")[..6];
        var english = await anna.SendAsync(chat.Id, $"Wonderful weather for a picnic {marker}");
        var russian = await anna.SendAsync(chat.Id, $"Встречаемся завтра у библиотеки {marker}");
        var japanese = await anna.SendAsync(chat.Id, $"東京タワーで会いましょう {marker}");
        var french = await anna.SendAsync(chat.Id, $"Un café crème, s'il vous plaît {marker}");

        Assert.Equal([english.Id], (await SearchAsync(anna, Q($"wonder {marker}"))).Messages.Select(h => h.Message.Id));
        Assert.Equal([russian.Id], (await SearchAsync(anna, Q($"БИБЛИОТ {marker}"))).Messages.Select(h => h.Message.Id));
        Assert.Equal([japanese.Id], (await SearchAsync(anna, Q($"タワー {marker}"))).Messages.Select(h => h.Message.Id));
        Assert.Equal([japanese.Id], (await SearchAsync(anna, Q($"東京 {marker}"))).Messages.Select(h => h.Message.Id));
        Assert.Equal([french.Id], (await SearchAsync(anna, Q($"CAFE creme {marker}"))).Messages.Select(h => h.Message.Id));
    }

    [Theory, AllDatabases]
    public async Task Results_have_highlights_a_total_and_pages_newest_first(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var marker = "zq" + Guid.NewGuid().ToString("N")[..6];
        var sent = new List<MessageResponse>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await anna.SendAsync(chat.Id, $"note {i} about {marker}"));
        }

        var first = await SearchAsync(anna, $"{Q(marker)}&limit=3");
        var second = await SearchAsync(anna, $"{Q(marker)}&limit=3&cursor={first.NextCursor}");

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(sent.Select(m => m.Id).Reverse(), first.Messages.Concat(second.Messages).Select(h => h.Message.Id));
        Assert.Null(second.NextCursor);
        var hit = first.Messages[0];
        Assert.Equal(marker, hit.Snippet.Substring(hit.Highlights[0].Start, hit.Highlights[0].Length));
    }

    [Theory, AllDatabases]
    public async Task Each_filter_works_alone_and_combined_inline_or_as_parameters(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db], "anna");
        var boris = await Person.RegisterAsync(apps[db], "boris");
        var chat = await anna.StartChatAsync(boris);
        var other = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var marker = "fx" + Guid.NewGuid().ToString("N")[..6];
        var fromAnna = await anna.SendAsync(chat.Id, $"{marker} plain");
        var fromBoris = await boris.SendAsync(chat.Id, $"{marker} from boris https://example.com @{anna.Me.Username}");
        var elsewhere = await anna.SendAsync(other.Id, $"{marker} elsewhere");
        var image = await anna.UploadOkAsync(Uploads.Png(), "cat.png");
        var withImage = await (await anna.Client.PostAsJsonAsync($"/api/v1/channels/{chat.Id}/messages", new SendMessageRequest($"{marker} picture", null, null, [image.Id]))).ReadAsync<MessageResponse>();
        (await anna.Client.PutAsync($"/api/v1/channels/{chat.Id}/pins/{fromAnna.Id}", null)).EnsureSuccessStatusCode();

        async Task<string[]> Ids(string query) => (await SearchAsync(anna, query)).Messages.Select(h => h.Message.Id).Order().ToArray();

        Assert.Equal(new[] { fromBoris.Id }, await Ids(Q($"from:{boris.Me.Username} {marker}")));
        Assert.Equal(new[] { fromBoris.Id }, await Ids($"{Q(marker)}&authorId={boris.Id}"));
        Assert.Equal(new[] { elsewhere.Id }, await Ids(Q($"in:{other.Id} {marker}")));
        Assert.Equal(new[] { fromBoris.Id }, await Ids(Q($"has:link {marker}")));
        Assert.Equal(new[] { withImage.Id }, await Ids(Q($"has:image {marker}")));
        Assert.Equal(new[] { withImage.Id }, await Ids($"{Q(marker)}&has=file"));
        Assert.Equal(new[] { fromBoris.Id }, await Ids(Q($"mentions:{anna.Me.Username} {marker}")));
        Assert.Equal(new[] { fromAnna.Id }, await Ids(Q($"pinned:true {marker}")));
        Assert.Equal(new[] { fromAnna.Id, withImage.Id }.Order(), await Ids(Q($"from:{anna.Me.Username} in:{chat.Id} {marker}")));
        Assert.Empty(await Ids(Q($"before:2020-01-01 {marker}")));
        Assert.Equal(3, (await SearchAsync(anna, Q($"in:{chat.Id} after:2020-01-01 {marker}"))).TotalCount);
    }

    [Theory, AllDatabases]
    public async Task Messages_you_cannot_read_never_appear_even_after_losing_access(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var carl = await Person.RegisterAsync(apps[db]);
        var marker = "pv" + Guid.NewGuid().ToString("N")[..6];
        var group = await anna.StartGroupAsync("Team", boris, carl);
        await anna.SendAsync(group.Id, $"{marker} team secret");
        var stranger = await Person.RegisterAsync(apps[db]);

        Assert.Equal(1, (await SearchAsync(carl, Q(marker))).TotalCount);
        Assert.Equal(0, (await SearchAsync(stranger, Q(marker))).TotalCount);
        (await anna.Client.DeleteAsync($"/api/v1/channels/{group.Id}/recipients/{carl.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(0, (await SearchAsync(carl, Q(marker))).TotalCount);
        Assert.Equal(0, (await SearchAsync(carl, Q($"in:{group.Id} {marker}"))).TotalCount);
    }

    [Theory, AllDatabases]
    public async Task Edits_and_deletes_show_in_results_at_once(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var before = "old" + Guid.NewGuid().ToString("N")[..6];
        var after = "new" + Guid.NewGuid().ToString("N")[..6];
        var message = await anna.SendAsync(chat.Id, $"text {before}");

        (await anna.Client.PatchAsJsonAsync($"/api/v1/channels/{chat.Id}/messages/{message.Id}", new EditMessageRequest($"text {after}"))).EnsureSuccessStatusCode();
        Assert.Equal(0, (await SearchAsync(anna, Q(before))).TotalCount);
        Assert.Equal(1, (await SearchAsync(anna, Q(after))).TotalCount);

        (await anna.Client.DeleteAsync($"/api/v1/channels/{chat.Id}/messages/{message.Id}")).EnsureSuccessStatusCode();
        Assert.Equal(0, (await SearchAsync(anna, Q(after))).TotalCount);
    }

    /// <summary>Stores messages straight in the database (as the API would, folded text included), oldest first.</summary>
    private async Task<List<long>> StoreAsync(Db db, Person author, IEnumerable<(string ChannelId, string Content)> messages)
    {
        var app = apps[db];
        var ids = app.Services.GetRequiredService<IdGenerator>();
        return await app.WithDbAsync(async d =>
        {
            var stored = messages.Select(m => new Message
            {
                Id = ids.NextId(),
                ChannelId = long.Parse(m.ChannelId, CultureInfo.InvariantCulture),
                AuthorId = long.Parse(author.Id, CultureInfo.InvariantCulture),
                Content = m.Content,
                SearchText = SearchQuery.Fold(m.Content),
            }).ToList();
            d.Messages.AddRange(stored);
            await d.SaveChangesAsync();
            return stored.Select(m => m.Id).ToList();
        });
    }

    private static string Format(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Theory, AllDatabases]
    public async Task The_total_stops_at_the_cap_and_says_so_on_every_page(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var chat = await anna.StartChatAsync(await Person.RegisterAsync(apps[db]));
        var many = "cap" + Guid.NewGuid().ToString("N")[..6];
        var few = "few" + Guid.NewGuid().ToString("N")[..6];
        var stored = await StoreAsync(db, anna, Enumerable.Range(0, MessageSearch.CountCap + 5).Select(i => (chat.Id, $"message {i} {many}")));
        await StoreAsync(db, anna, Enumerable.Range(0, 3).Select(i => (chat.Id, $"message {i} {few}")));

        var first = await SearchAsync(anna, Q(many));
        var second = await SearchAsync(anna, $"{Q(many)}&cursor={first.NextCursor}");
        var exact = await SearchAsync(anna, Q(few));
        var relevance = await SearchAsync(anna, $"{Q(many)}&sort=relevance");
        var shortTerm = await SearchAsync(anna, $"{Q("me")}&channelId={chat.Id}");

        Assert.Equal((MessageSearch.CountCap, true), (first.TotalCount, first.TotalIsLowerBound));
        Assert.Equal((MessageSearch.CountCap, true), (second.TotalCount, second.TotalIsLowerBound));
        Assert.Equal((MessageSearch.CountCap, true), (relevance.TotalCount, relevance.TotalIsLowerBound));
        Assert.Equal((MessageSearch.CountCap, true), (shortTerm.TotalCount, shortTerm.TotalIsLowerBound));
        Assert.Equal((3, false), (exact.TotalCount, exact.TotalIsLowerBound));
        Assert.Equal(stored.AsEnumerable().Reverse().Take(2 * MessageSearch.DefaultLimit).Select(Format), first.Messages.Concat(second.Messages).Select(h => h.Message.Id));
    }

    [Theory, AllDatabases]
    public async Task Pages_skip_unreadable_matches_and_return_every_readable_one_once_newest_first(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var carl = await Person.RegisterAsync(apps[db]);
        var mine = await anna.StartChatAsync(boris);
        var theirs = await boris.StartChatAsync(carl);
        var marker = "pg" + Guid.NewGuid().ToString("N")[..6];
        // Mostly matches anna cannot read, so a page needs several batches of the index.
        var contents = Enumerable.Range(0, 600).Select(i => (i % 23 == 0 ? mine.Id : theirs.Id, $"{marker} number {i} ok")).ToList();
        var stored = await StoreAsync(db, boris, contents);
        var readable = stored.Where((_, i) => contents[i].Item1 == mine.Id).Reverse().Select(Format).ToList();

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            // A short term too: it filters with LIKE next to the index.
            var page = await SearchAsync(anna, $"{Q(marker + " ok")}&limit=4" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal((readable.Count, false), (page.TotalCount, page.TotalIsLowerBound));
            seen.AddRange(page.Messages.Select(h => h.Message.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(readable, seen);
        Assert.Equal(600, (await SearchAsync(boris, $"{Q(marker)}&limit=100")).TotalCount);
        Assert.Equal(readable.Take(3), (await SearchAsync(anna, $"{Q(marker)}&limit=3&authorId={boris.Id}")).Messages.Select(h => h.Message.Id));
    }

    [Theory, AllDatabases]
    public async Task Bad_searches_name_the_field_and_need_a_signed_in_user(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        await (await anna.Client.GetAsync("/api/v1/search/messages")).AssertFieldErrorsAsync("q");
        await (await anna.Client.GetAsync("/api/v1/search/messages?q=x&limit=0")).AssertFieldErrorsAsync("limit");
        await (await anna.Client.GetAsync("/api/v1/search/messages?q=x&has=video")).AssertFieldErrorsAsync("has");
        await (await anna.Client.GetAsync("/api/v1/search/messages?q=x&sort=random")).AssertFieldErrorsAsync("sort");
        await (await apps[db].CreateBrowser().GetAsync("/api/v1/search/messages?q=x")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SearchQueryTests
{
    [Fact]
    public void Inline_filters_are_taken_out_of_the_terms()
    {
        var query = SearchQuery.Parse("from:@anna has:IMAGE \"big cats\" in:#123 pinned:true before:2026-02-01 after:2026-01-01 mentions:boris dogs");
        Assert.Equal(["big cats", "dogs"], query.Terms);
        Assert.Equal(("anna", "123", "image", "boris", true), (query.From, query.In, query.Has, query.Mentions, query.Pinned));
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), query.Before);
    }

    [Theory]
    [InlineData("Café", "CAFE")]
    [InlineData("Ёлка и йогурт", "ЁЛКА И ЙОГУРТ")]
    [InlineData("東京", "東京")]
    public void Folding_ignores_case_and_latin_accents_but_keeps_other_letters(string text, string folded) =>
        Assert.Equal(folded, SearchQuery.Fold(text));
}
