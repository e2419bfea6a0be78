using System;
using System.Runtime.InteropServices;

namespace BkSops.Serialization
{
    internal enum FileType { Unknown, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket }

    /// <summary>
    /// The type of a file, found without opening it: opening a FIFO that has no writer blocks inside the system call,
    /// where nothing (not even Ctrl+C) can reach it, and a device such as /dev/zero never ends.
    /// </summary>
    internal static class FileKind
    {
        public static FileType Of(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return FileType.Unknown;
            try
            {
                // The runtime's own native shim: the same call and the same layout on every Unix .NET runs on.
                if (NativeStat(path, out var status) != 0) return FileType.Unknown;
                switch (status.Mode & 0xF000)
                {
                    case 0x8000: return FileType.Regular;
                    case 0x4000: return FileType.Directory;
                    case 0x1000: return FileType.Fifo;
                    case 0x2000: return FileType.CharacterDevice;
                    case 0x6000: return FileType.BlockDevice;
                    case 0xC000: return FileType.Socket;
                    default: return FileType.Unknown;
                }
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException)
            {
                return FileType.Unknown;
            }
        }

        public static string Describe(FileType type)
        {
            switch (type)
            {
                case FileType.Fifo: return "a FIFO (named pipe)";
                case FileType.CharacterDevice: return "a character device";
                case FileType.BlockDevice: return "a block device";
                case FileType.Socket: return "a socket";
                case FileType.Directory: return "a directory";
                default: return "not a regular file";
            }
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, SetLastError = true)]
        private static extern int NativeStat(string path, out FileStatus output);

        [StructLayout(LayoutKind.Sequential)]
        private struct FileStatus
        {
            public int Flags;
            public int Mode;
            public uint Uid;
            public uint Gid;
            public long Size;
            // Times, device and inode numbers, user flags; room to spare should a later runtime add fields.
            public Padding Rest;
        }

        [StructLayout(LayoutKind.Sequential, Size = 256)]
        private struct Padding { }
    }
}
