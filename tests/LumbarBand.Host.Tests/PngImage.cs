using System.Buffers.Binary;
using System.IO.Compression;

namespace LumbarBand.Host.Tests;

/// <summary>
/// A minimal PNG reader for the report's screenshots: 8-bit RGB or RGBA, not interlaced (what Chromium writes).
/// Just enough to count the pixels of a colour.
/// </summary>
public sealed class PngImage
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Reads a PNG file.</summary>
    public static PngImage Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 8 || file[1] != (byte)'P' || file[2] != (byte)'N' || file[3] != (byte)'G')
        {
            throw new InvalidDataException(path + " is not a PNG");
        }

        int width = 0;
        int height = 0;
        int channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at + 8 <= file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            ReadOnlySpan<byte> data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0 || (data[9] != 2 && data[9] != 6))
                {
                    throw new InvalidDataException("only 8-bit RGB/RGBA, non-interlaced PNGs are read here");
                }

                channels = data[9] == 6 ? 4 : 3;
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngImage(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    /// <summary>Pixels within <paramref name="tolerance"/> (summed over R, G, B) of <paramref name="hex"/> ("#rrggbb"), in rows [top, bottom).</summary>
    public int Count(string hex, int tolerance, int top = 0, int bottom = int.MaxValue)
    {
        int r = Convert.ToInt32(hex.Substring(1, 2), 16);
        int g = Convert.ToInt32(hex.Substring(3, 2), 16);
        int b = Convert.ToInt32(hex.Substring(5, 2), 16);
        int count = 0;
        for (int y = Math.Max(0, top); y < Math.Min(Height, bottom); y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int i = ((y * Width) + x) * _channels;
                if (Math.Abs(_pixels[i] - r) + Math.Abs(_pixels[i + 1] - g) + Math.Abs(_pixels[i + 2] - b) <= tolerance)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Coloured pixels (channels differing by more than <paramref name="spread"/>): chart ink, not grey text or rules.</summary>
    public int Coloured(int spread = 60)
    {
        int count = 0;
        for (int i = 0; i < Width * Height * _channels; i += _channels)
        {
            int max = Math.Max(_pixels[i], Math.Max(_pixels[i + 1], _pixels[i + 2]));
            int min = Math.Min(_pixels[i], Math.Min(_pixels[i + 1], _pixels[i + 2]));
            count += max - min > spread ? 1 : 0;
        }

        return count;
    }

    private static byte[] Unfilter(byte[] data, int width, int height, int channels)
    {
        int stride = width * channels;
        var pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            int filter = data[y * (stride + 1)];
            int source = (y * (stride + 1)) + 1;
            int row = y * stride;
            for (int x = 0; x < stride; x++)
            {
                int left = x >= channels ? pixels[row + x - channels] : 0;
                int up = y > 0 ? pixels[row - stride + x] : 0;
                int upLeft = y > 0 && x >= channels ? pixels[row - stride + x - channels] : 0;
                int raw = data[source + x];
                int value = filter switch
                {
                    0 => raw,
                    1 => raw + left,
                    2 => raw + up,
                    3 => raw + ((left + up) / 2),
                    4 => raw + Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException("bad PNG filter " + filter),
                };
                pixels[row + x] = (byte)value;
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
