namespace LumbarBand.Firmware.Boards
{
    /// <summary>
    /// The board this build runs on. Change the one line in <see cref="Create"/> (and flash the matching nanoff target,
    /// see README.md) to build for another board.
    /// </summary>
    internal static class SelectedBoard
    {
        /// <summary>The profile of the board this build is for.</summary>
        public static BoardProfile Create()
        {
            return M5StackCore2Board.Create();

            // return M5StickCPlusBoard.Create();
            // return DevKitCBoard.Create();
        }
    }
}
