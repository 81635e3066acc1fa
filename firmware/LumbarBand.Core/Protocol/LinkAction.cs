namespace LumbarBand.Core.Protocol
{
    /// <summary>What the <see cref="LinkController"/> asks its driver (the GATT adapter, the virtual band) to do next.</summary>
    public enum LinkAction
    {
        /// <summary>Nothing to do now.</summary>
        None = 0,

        /// <summary>Notify <see cref="LinkController.Payload"/> on the control point (a response), then report <see cref="LinkController.OnNotified"/>.</summary>
        NotifyControl = 1,

        /// <summary>Notify <see cref="LinkController.Payload"/> on the data characteristic (a download chunk), then report <see cref="LinkController.OnNotified"/>.</summary>
        NotifyData = 2,

        /// <summary>Notify <see cref="LinkController.Payload"/> on the status characteristic, then report <see cref="LinkController.OnNotified"/>.</summary>
        NotifyStatus = 3,

        /// <summary>Let the stack bond (or not): <see cref="LinkController.BondingAllowed"/> says which.</summary>
        SetBonding = 4,

        /// <summary>Delete the bonds made since the central connected (it encrypted outside the pairing window: hygiene).</summary>
        DeleteNewBonds = 5,

        /// <summary>Save <see cref="LinkTrust.Hosts"/> durably (an enrollment or reset changed it), then report <see cref="LinkController.OnTrustedHostsSaved"/>.</summary>
        SaveTrustedHosts = 6,

        /// <summary>
        /// A factory reset's response has left: reset the port's storage and settings, forget every host (a new band
        /// secret) and every bond. The reboot follows (<see cref="Reboot"/>).
        /// </summary>
        CompleteFactoryReset = 7,

        /// <summary>Reboot now.</summary>
        Reboot = 8,
    }
}
