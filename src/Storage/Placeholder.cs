namespace WhatsTheTab.Storage; internal static class Placeholder { }
