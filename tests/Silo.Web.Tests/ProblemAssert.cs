using System.Net;
using System.Text.Json;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>Asserts that a response is <c>application/problem+json</c> with the expected status, and gives back its body.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // no stack trace
        return problem;
    }

    /// <summary>Asserts the status and that the problem's detail or title contains <paramref name="message"/>; disposes the response.</summary>
    public static async Task IsAsync(HttpResponseMessage response, int status, string message)
    {
        using (response)
        {
            var problem = await IsProblemAsync(response, (HttpStatusCode)status);
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? string.Empty : string.Empty;
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            Assert.True(
                detail.Contains(message, StringComparison.Ordinal) || title.Contains(message, StringComparison.Ordinal),
                $"Expected '{message}' in the problem; got title '{title}', detail '{detail}'.");
        }
    }
}
