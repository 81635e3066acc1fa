using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Runtime
{
    /// <summary>
    /// The motor as the sampling thread sees it: each level change becomes a <see cref="SideEffectKind.MotorDuty"/>
    /// command for the control thread, which does the slow write (the Core2's AXP192 over I2C, a PWM register), so
    /// <see cref="Band.OnSample"/> never waits on a bus. A full queue drops the change and counts it
    /// (<see cref="SideEffectQueue.Dropped"/>); the next change carries the level again.
    /// </summary>
    public sealed class MotorCommandSender : IHapticMotor
    {
        private readonly SideEffectQueue _queue;

        /// <summary>Sends level changes through <paramref name="queue"/> (sampling thread → control thread).</summary>
        public MotorCommandSender(SideEffectQueue queue)
        {
            if (queue == null)
            {
                throw new System.ArgumentException("must not be null", nameof(queue));
            }

            _queue = queue;
        }

        /// <inheritdoc/>
        public void SetDuty(int dutyPercent)
        {
            _queue.TryPost((int)SideEffectKind.MotorDuty, dutyPercent);
        }
    }
}
