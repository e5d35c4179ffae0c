using Npgsql;
using WhatsTheTab.Storage;

namespace WhatsTheTab.Storage.Tests.Connections;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void AddsThePoolSettings_KeepingEverythingElse()
    {
        var applied = new NpgsqlConnectionStringBuilder(
            PostgresConnectionDefaults.Apply("Host=db;Port=5433;Username=wtt;Password=p;Database=jobs;Maximum Pool Size=40"));

        Assert.True(applied.NoResetOnClose);
        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(("db", 5433, "wtt", "p", "jobs", 40), (applied.Host, applied.Port, applied.Username, applied.Password, applied.Database, applied.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=false;maxautoprepare=0")]
    public void WhatTheConnectionStringSays_Wins(string connectionString)
    {
        var applied = PostgresConnectionDefaults.Apply(connectionString);

        Assert.Equal(connectionString, applied);
        var parsed = new NpgsqlConnectionStringBuilder(applied);
        Assert.False(parsed.NoResetOnClose);
        Assert.Equal(0, parsed.MaxAutoPrepare);
    }
}
