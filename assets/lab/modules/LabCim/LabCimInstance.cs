// The pieces of a CIM instance that New-LabCimObject (core/lab-cim.ps1) hangs on a PSObject. A real
// Microsoft.Management.Infrastructure.CimInstance cannot be built here: its constructor calls the native MI
// library (libmi), which neither the PowerShell global tool nor the Runtime.Unix 3.0.0 package ships for Linux.
// So the lab gives the same surface: CimInstanceProperties indexed by name (case-insensitive, null when absent,
// as CimKeyedCollection), CimClass printing "namespace:class", CimSystemProperties. C# 5 (Windows PowerShell 5.1).
using System;
using System.Collections.ObjectModel;

namespace Hyperdesk.Lab
{
    public sealed class LabCimProperty
    {
        public LabCimProperty(string name, object value, object cimType, object flags)
        {
            Name = name; Value = value; CimType = cimType; Flags = flags;
        }
        public string Name { get; private set; }
        public object Value { get; set; }
        // Microsoft.Management.Infrastructure.CimType / CimFlags values (managed enums, usable without libmi).
        public object CimType { get; private set; }
        public object Flags { get; private set; }
        public bool IsValueModified { get { return false; } }
        public override string ToString()
        {
            return Name + " = " + (Value == null ? "" : Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public sealed class LabCimPropertyCollection : KeyedCollection<string, LabCimProperty>
    {
        public LabCimPropertyCollection() : base(StringComparer.OrdinalIgnoreCase, 0) { }
        protected override string GetKeyForItem(LabCimProperty item) { return item.Name; }
        public new LabCimProperty this[string name]
        {
            get
            {
                LabCimProperty p;
                if (Dictionary != null && Dictionary.TryGetValue(name, out p)) return p;
                return null;
            }
        }
    }

    public sealed class LabCimSystemProperties
    {
        public LabCimSystemProperties(string ns, string serverName, string className)
        {
            Namespace = ns; ServerName = serverName; ClassName = className;
        }
        public string Namespace { get; private set; }
        public string ServerName { get; private set; }
        public string ClassName { get; private set; }
        public string Path { get { return null; } }
    }

    public sealed class LabCimClass
    {
        public LabCimClass(string ns, string className, string superClassName, string serverName)
        {
            CimSystemProperties = new LabCimSystemProperties(ns, serverName, className);
            CimClassName = className; CimSuperClassName = superClassName;
        }
        public string CimClassName { get; private set; }
        public string CimSuperClassName { get; private set; }
        public LabCimSystemProperties CimSystemProperties { get; private set; }
        public override string ToString() { return CimSystemProperties.Namespace + ":" + CimClassName; }
    }
}
