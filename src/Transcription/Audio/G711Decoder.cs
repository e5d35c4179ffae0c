namespace WhatsTheTab.Transcription.Audio;

/// <summary>ITU-T G.711 mu-law and A-law expansion (telephony WAV files), by 256-entry tables.</summary>
internal static class G711Decoder
{
    private static readonly float[] MuLawTable = BuildMuLaw();
    private static readonly float[] ALawTable = BuildALaw();

    public static float MuLaw(byte code) => MuLawTable[code];

    public static float ALaw(byte code) => ALawTable[code];

    private static float[] BuildMuLaw()
    {
        var table = new float[256];
        for (var i = 0; i < 256; i++)
        {
            var code = ~i & 0xFF;
            var exponent = (code >> 4) & 0x07;
            var mantissa = code & 0x0F;
            var magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
            table[i] = ((code & 0x80) != 0 ? -magnitude : magnitude) / 32768f;
        }

        return table;
    }

    private static float[] BuildALaw()
    {
        var table = new float[256];
        for (var i = 0; i < 256; i++)
        {
            var code = i ^ 0x55;
            var exponent = (code >> 4) & 0x07;
            var mantissa = code & 0x0F;
            var magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
            table[i] = ((code & 0x80) != 0 ? magnitude : -magnitude) / 32768f;
        }

        return table;
    }
}
