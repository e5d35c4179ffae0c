namespace WhatsTheTab.Silo.Web.Tests.BadInput;

/// <summary>
/// One row of the bad-input table: how to send the request, the status it must get, a distinctive part of the
/// problem's <c>detail</c> or <c>title</c>, and (rarely) a setup step whose effects are not counted against the case.
/// </summary>
internal sealed record BadInputCase(
    string Name,
    Func<BadInputTarget, Task<BadInputResponse>> Send,
    int Status,
    string Message,
    Func<BadInputTarget, Task>? Setup = null,
    bool ProblemJson = true);
