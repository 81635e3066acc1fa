using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("LumbarBand: Core's key behaviours on the device or the nanoCLR emulator")]
[assembly: AssemblyProduct("LumbarBand")]
[assembly: AssemblyVersion("0.1.0.0")]
