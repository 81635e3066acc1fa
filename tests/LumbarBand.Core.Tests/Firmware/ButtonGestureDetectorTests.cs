using LumbarBand.Core.Controls;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>Press, long press and double press from a polled button level and from a self-classifying key.</summary>
public sealed class ButtonGestureDetectorTests
{
    private const int PollMs = 20;

    /// <summary>Polls the detector every 20 ms over a level script: (duration ms, pressed) pairs; collects the gestures with their times.</summary>
    private static List<(long TimeMs, ButtonGesture Gesture)> Run(ButtonGestureDetector detector, params (int Ms, bool Pressed)[] script)
    {
        var gestures = new List<(long, ButtonGesture)>();
        long now = 0;
        foreach ((int ms, bool pressed) in script)
        {
            for (int t = 0; t < ms; t += PollMs)
            {
                ButtonGesture g = detector.Update(now, pressed);
                if (g != ButtonGesture.None)
                {
                    gestures.Add((now, g));
                }

                now += PollMs;
            }
        }

        return gestures;
    }

    [Fact]
    public void AShortPressIsReportedAfterTheDoublePressWindow()
    {
        var gestures = Run(new ButtonGestureDetector(), (200, false), (120, true), (1000, false));

        (long time, ButtonGesture gesture) = Assert.Single(gestures);
        Assert.Equal(ButtonGesture.Press, gesture);

        // The release is first seen at 320 ms (and confirmed by the debounce); the press is reported once the 400 ms
        // double-press window from that release has passed, not before.
        Assert.InRange(time, 320 + ButtonGestureDetector.DefaultDoublePressWindowMs + 1, 320 + ButtonGestureDetector.DefaultDoublePressWindowMs + (2 * PollMs));
    }

    [Fact]
    public void TwoQuickPressesAreOneDoublePress()
    {
        var gestures = Run(new ButtonGestureDetector(), (200, false), (100, true), (150, false), (100, true), (1000, false));

        Assert.Equal([ButtonGesture.DoublePress], gestures.Select(g => g.Gesture));
    }

    [Fact]
    public void ALongPressIsReportedWhileStillHeldAndTheReleaseAddsNothing()
    {
        var gestures = Run(new ButtonGestureDetector(), (200, false), (3000, true), (1000, false));

        (long time, ButtonGesture gesture) = Assert.Single(gestures);
        Assert.Equal(ButtonGesture.LongPress, gesture);
        Assert.InRange(time, 200 + ButtonGestureDetector.DefaultLongPressMs, 200 + ButtonGestureDetector.DefaultLongPressMs + ButtonGestureDetector.DefaultDebounceMs + PollMs);
    }

    [Fact]
    public void ContactBounceShorterThanTheDebounceIsIgnored()
    {
        var detector = new ButtonGestureDetector(debounceMs: 50, longPressMs: 1500, doublePressWindowMs: 400);
        var gestures = Run(detector, (200, false), (20, true), (20, false), (20, true), (20, false), (1000, false));

        Assert.Empty(gestures);
    }

    [Fact]
    public void ABouncyButOtherwiseClearPressIsOnePress()
    {
        var gestures = Run(new ButtonGestureDetector(), (200, false), (20, true), (20, false), (140, true), (20, false), (20, true), (1000, false));

        Assert.Equal([ButtonGesture.Press], gestures.Select(g => g.Gesture));
    }

    [Fact]
    public void AButtonHeldAtStartUpMustBeReleasedFirst()
    {
        var gestures = Run(new ButtonGestureDetector(), (3000, true), (1000, false), (120, true), (1000, false));

        Assert.Equal([ButtonGesture.Press], gestures.Select(g => g.Gesture));
    }

    [Fact]
    public void ASecondPressHeldPastTheWindowMakesTwoPresses()
    {
        var gestures = Run(new ButtonGestureDetector(), (200, false), (100, true), (150, false), (700, true), (1000, false));

        Assert.Equal([ButtonGesture.Press, ButtonGesture.Press], gestures.Select(g => g.Gesture));
    }

    [Fact]
    public void SelfClassifyingKeyClicksMakeTheSameGestures()
    {
        var detector = new ButtonGestureDetector();
        Assert.Equal(ButtonGesture.None, detector.OnShortClick(1000));
        Assert.Equal(ButtonGesture.None, detector.Poll(1300));
        Assert.Equal(ButtonGesture.None, detector.OnShortClick(1300)); // a third may follow
        Assert.Equal(ButtonGesture.None, detector.Poll(1700));
        Assert.Equal(ButtonGesture.DoublePress, detector.Poll(1701));
        Assert.Equal(ButtonGesture.None, detector.Poll(5000));

        // Three quick clicks: the pairing gesture, at the third release; no press or double press after it.
        Assert.Equal(ButtonGesture.None, detector.OnShortClick(5100));
        Assert.Equal(ButtonGesture.None, detector.OnShortClick(5300));
        Assert.Equal(ButtonGesture.TriplePress, detector.OnShortClick(5600));
        Assert.Equal(ButtonGesture.None, detector.Poll(5800));

        Assert.Equal(ButtonGesture.None, detector.OnShortClick(6000));
        Assert.Equal(ButtonGesture.None, detector.Poll(6400));
        Assert.Equal(ButtonGesture.Press, detector.Poll(6401));

        Assert.Equal(ButtonGesture.LongPress, detector.OnLongClick(9000));
        Assert.Equal(ButtonGesture.None, detector.Poll(12000));
    }

    [Fact]
    public void ALongClickDropsAPendingShortClick()
    {
        var detector = new ButtonGestureDetector();
        detector.OnShortClick(1000);
        Assert.Equal(ButtonGesture.LongPress, detector.OnLongClick(1100));
        Assert.Equal(ButtonGesture.None, detector.Poll(2000));
    }
}
