using System.Text;

namespace OmiTrans.Core.Tests.Data.IO;

/// <summary>Line splitting across block boundaries: every line ending, lines longer than a block, quotes and counts.</summary>
public sealed class LineBlockReaderTests
{
    private static (string Text, List<string> Lines) RandomText(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var lines = new List<string>();
        for (int i = 0; i < 400; i++)
        {
            int length = random.Next(10) == 0 ? random.Next(4000, 12000) : random.Next(0, 200);
            var line = new StringBuilder();
            for (int k = 0; k < length; k++)
            {
                line.Append("ab\t,\" 0123é"[random.Next(11)]);
            }

            lines.Add(line.ToString());
            text.Append(line).Append(random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" });
        }

        if (random.Next(2) == 0)
        {
            lines.Add("last line without a break");
            text.Append(lines[^1]);
        }

        return (text.ToString(), lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Lines_come_out_whole_whatever_the_block_size(int seed)
    {
        var (text, expected) = RandomText(seed);
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new LineBlockReader(new MemoryStream(bytes), "mem", blockSize: 4096);
        var lines = new List<LineRef>();
        var read = new List<string>();
        var quoted = new List<bool>();
        long number = 0;
        while (reader.Next(lines))
        {
            foreach (var line in lines)
            {
                line.LineNumber.Should().Be(++number);
                read.Add(Encoding.UTF8.GetString(reader.Buffer, line.Offset, line.Length));
                quoted.Add(line.HasQuote);
            }
        }

        read.Should().Equal(expected);
        quoted.Should().Equal(expected.Select(l => l.Contains('"', StringComparison.Ordinal)));
        LineBlockReader.CountLines(new MemoryStream(bytes), "mem", bufferSize: 4096).Should().Be(((long)expected.Count, (long)bytes.Length));
        LineTerminators.Count(bytes).Should().Be(text.EndsWith("without a break", StringComparison.Ordinal) ? expected.Count - 1 : expected.Count);
    }

    [Fact]
    public void A_crlf_split_between_two_reads_counts_once()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('a', 4095) + "\r\nb\r\n");

        LineBlockReader.CountLines(new MemoryStream(bytes), "mem", bufferSize: 4096).Lines.Should().Be(2);
    }
}
