namespace WhatsTheTab.Silo.Web.Tests.BadInput;

/// <summary>What the server answered to one bad request: status, media type and body (from HttpClient or a raw socket).</summary>
internal sealed record BadInputResponse(int Status, string? MediaType, string Body)
{
    public static async Task<BadInputResponse> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return new BadInputResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
    }
}
