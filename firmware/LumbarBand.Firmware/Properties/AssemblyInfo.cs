using System.Reflection;

[assembly: AssemblyTitle("LumbarBand.Firmware")]
[assembly: AssemblyDescription("LumbarBand: lower-back posture and gait band, nanoFramework app")]
[assembly: AssemblyProduct("LumbarBand")]
[assembly: AssemblyVersion("0.1.0.0")]
