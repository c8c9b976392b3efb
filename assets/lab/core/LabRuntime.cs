// Hand-written runtime helpers of the lab modules, compiled once per process (C# 5: must build on
// Windows PowerShell 5.1 too). JSON codec for the state file, the text-mode console renderer (RGB565),
// and LabJob, a real PowerShell job (Get-Job/Receive-Job/Wait-Job/Stop-Job) running a script in its own runspace.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace Hyperdesk.Lab
{
    /// <summary>Minimal JSON codec: objects become OrderedDictionary, arrays ArrayList, integers long.</summary>
    public static class LabJson
    {
        public static object Parse(string text)
        {
            int i = 0;
            object v = ReadValue(text, ref i);
            SkipWs(text, ref i);
            if (i != text.Length) throw new FormatException("Unexpected data after JSON value at " + i);
            return v;
        }

        static void SkipWs(string s, ref int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\uFEFF')) i++;
        }

        static object ReadValue(string s, ref int i)
        {
            SkipWs(s, ref i);
            if (i >= s.Length) throw new FormatException("Unexpected end of JSON");
            char c = s[i];
            if (c == '{')
            {
                var d = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                i++; SkipWs(s, ref i);
                if (s[i] == '}') { i++; return d; }
                while (true)
                {
                    SkipWs(s, ref i);
                    string k = ReadString(s, ref i);
                    SkipWs(s, ref i);
                    if (s[i] != ':') throw new FormatException("Expected ':' at " + i);
                    i++;
                    d[k] = ReadValue(s, ref i);
                    SkipWs(s, ref i);
                    if (s[i] == ',') { i++; continue; }
                    if (s[i] == '}') { i++; return d; }
                    throw new FormatException("Expected ',' or '}' at " + i);
                }
            }
            if (c == '[')
            {
                var a = new ArrayList();
                i++; SkipWs(s, ref i);
                if (s[i] == ']') { i++; return a; }
                while (true)
                {
                    a.Add(ReadValue(s, ref i));
                    SkipWs(s, ref i);
                    if (s[i] == ',') { i++; continue; }
                    if (s[i] == ']') { i++; return a; }
                    throw new FormatException("Expected ',' or ']' at " + i);
                }
            }
            if (c == '"') return ReadString(s, ref i);
            if (string.CompareOrdinal(s, i, "true", 0, 4) == 0) { i += 4; return true; }
            if (string.CompareOrdinal(s, i, "false", 0, 5) == 0) { i += 5; return false; }
            if (string.CompareOrdinal(s, i, "null", 0, 4) == 0) { i += 4; return null; }
            int start = i;
            while (i < s.Length && "+-0123456789.eE".IndexOf(s[i]) >= 0) i++;
            string num = s.Substring(start, i - start);
            if (num.Length == 0) throw new FormatException("Unexpected character at " + start);
            long l;
            if (num.IndexOfAny(new[] { '.', 'e', 'E' }) < 0 && long.TryParse(num, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l)) return l;
            return double.Parse(num, CultureInfo.InvariantCulture);
        }

        static string ReadString(string s, ref int i)
        {
            if (s[i] != '"') throw new FormatException("Expected string at " + i);
            i++;
            var sb = new StringBuilder();
            while (true)
            {
                char c = s[i++];
                if (c == '"') return sb.ToString();
                if (c != '\\') { sb.Append(c); continue; }
                char e = s[i++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u': sb.Append((char)Convert.ToInt32(s.Substring(i, 4), 16)); i += 4; break;
                    default: sb.Append(e); break;
                }
            }
        }

        public static string Write(object value)
        {
            var sb = new StringBuilder();
            WriteValue(sb, value, 0);
            return sb.ToString();
        }

        static void Indent(StringBuilder sb, int n) { sb.Append('\n'); sb.Append(' ', n * 2); }

        static void WriteValue(StringBuilder sb, object v, int depth)
        {
            var pso = v as PSObject;
            if (pso != null && !(pso.BaseObject is PSCustomObject)) v = pso.BaseObject;
            if (v == null) { sb.Append("null"); return; }
            if (v is string || v is char || v is Guid || v is Enum) { WriteString(sb, v is Enum ? v.ToString() : Convert.ToString(v, CultureInfo.InvariantCulture)); return; }
            if (v is bool) { sb.Append((bool)v ? "true" : "false"); return; }
            if (v is DateTime) { WriteString(sb, ((DateTime)v).ToUniversalTime().ToString("o", CultureInfo.InvariantCulture)); return; }
            if (v is double || v is float || v is decimal) { sb.Append(Convert.ToDouble(v).ToString("R", CultureInfo.InvariantCulture)); return; }
            if (v is IConvertible && !(v is string)) { sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture)); return; }
            var dict = v as IDictionary;
            if (dict != null)
            {
                sb.Append('{');
                bool first = true;
                foreach (DictionaryEntry de in dict)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    Indent(sb, depth + 1);
                    WriteString(sb, Convert.ToString(de.Key, CultureInfo.InvariantCulture));
                    sb.Append(": ");
                    WriteValue(sb, de.Value, depth + 1);
                }
                if (!first) Indent(sb, depth);
                sb.Append('}');
                return;
            }
            if (pso != null)
            {
                var od = new OrderedDictionary();
                foreach (var p in pso.Properties) od[p.Name] = p.Value;
                WriteValue(sb, od, depth);
                return;
            }
            var en = v as IEnumerable;
            if (en != null)
            {
                sb.Append('[');
                bool first = true;
                foreach (object o in en)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    Indent(sb, depth + 1);
                    WriteValue(sb, o, depth + 1);
                }
                if (!first) Indent(sb, depth);
                sb.Append(']');
                return;
            }
            WriteString(sb, v.ToString());
        }

        static void WriteString(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4")); else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }
    }

    public static class LabUtil
    {
        /// <summary>Deterministic string hash (String.GetHashCode is randomised per process on .NET Core).</summary>
        public static int Hash(string text)
        {
            long h = 17;
            foreach (char c in text ?? "") h = (h * 31 + c) % 1000003;
            return (int)h;
        }

        static readonly System.Reflection.MethodInfo CloneMethod = typeof(object).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

        /// <summary>Shallow copy of an output object (its sub-objects are shared).</summary>
        public static object Clone(object o)
        {
            return o == null ? null : CloneMethod.Invoke(o, null);
        }

        static readonly Dictionary<Type, System.Reflection.PropertyInfo[]> ArrayProps = new Dictionary<Type, System.Reflection.PropertyInfo[]>();

        /// <summary>A copy of a cached output object that is as independent as a freshly built one: array-valued
        /// properties (IPAddresses, Status...) get their own arrays, so changing the copy never changes the cache.</summary>
        public static object CloneOutput(object o)
        {
            if (o == null) return null;
            object c = Clone(o);
            Type t = c.GetType();
            System.Reflection.PropertyInfo[] props;
            lock (ArrayProps)
            {
                if (!ArrayProps.TryGetValue(t, out props))
                {
                    var l = new List<System.Reflection.PropertyInfo>();
                    foreach (var p in t.GetProperties()) if (p.PropertyType.IsArray && p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0) l.Add(p);
                    props = l.ToArray();
                    ArrayProps[t] = props;
                }
            }
            foreach (var p in props)
            {
                var a = p.GetValue(c, null) as Array;
                if (a != null) p.SetValue(c, a.Clone(), null);
            }
            return c;
        }

        static readonly Dictionary<string, System.Reflection.PropertyInfo> LiveProps = new Dictionary<string, System.Reflection.PropertyInfo>();

        static void SetProp(object target, string name, object value)
        {
            Type t = target.GetType();
            string key = t.AssemblyQualifiedName + "|" + name;
            System.Reflection.PropertyInfo p;
            lock (LiveProps)
            {
                if (!LiveProps.TryGetValue(key, out p))
                {
                    p = t.GetProperty(name);
                    if (p == null) throw new ArgumentException("Type " + t.FullName + " has no property " + name);
                    LiveProps[key] = p;
                }
            }
            p.SetValue(target, value, null);
        }

        /// <summary>A shallow copy of a VirtualMachine prototype with the figures that move with time filled in
        /// (CPUUsage, MemoryAssigned, MemoryDemand, Uptime in whole seconds).</summary>
        public static object CloneWithLive(object proto, LabLive live)
        {
            object o = Clone(proto);
            SetProp(o, "CPUUsage", live.Cpu);
            SetProp(o, "MemoryAssigned", live.Assigned);
            SetProp(o, "MemoryDemand", live.Demand);
            SetProp(o, "Uptime", TimeSpan.FromTicks((live.UptimeMs / 1000) * TimeSpan.TicksPerSecond));
            return o;
        }

        static readonly Dictionary<Type, Dictionary<string, System.Reflection.PropertyInfo>> Props = new Dictionary<Type, Dictionary<string, System.Reflection.PropertyInfo>>();

        /// <summary>Sets many properties at once (PowerShell conversion rules), far cheaper than one assignment each.</summary>
        public static object Fill(object target, IDictionary values)
        {
            Dictionary<string, System.Reflection.PropertyInfo> map;
            Type t = target.GetType();
            lock (Props)
            {
                if (!Props.TryGetValue(t, out map))
                {
                    map = new Dictionary<string, System.Reflection.PropertyInfo>(StringComparer.OrdinalIgnoreCase);
                    foreach (var p in t.GetProperties()) if (p.CanWrite && !map.ContainsKey(p.Name)) map[p.Name] = p;
                    Props[t] = map;
                }
            }
            foreach (DictionaryEntry de in values)
            {
                System.Reflection.PropertyInfo p;
                if (!map.TryGetValue((string)de.Key, out p)) throw new ArgumentException("Type " + t.FullName + " has no property " + de.Key);
                object v = de.Value;
                var pso = v as PSObject;
                if (pso != null) v = pso.BaseObject;
                p.SetValue(target, v == null ? null : LanguagePrimitives.ConvertTo(v, p.PropertyType, CultureInfo.InvariantCulture), null);
            }
            return target;
        }
    }

    /// <summary>Live figures of a VM at one moment (what Get-LabLive returns).</summary>
    public sealed class LabLive
    {
        public string State { get; set; }
        public long UptimeMs { get; set; }
        public int Cpu { get; set; }
        public long Assigned { get; set; }
        public long Demand { get; set; }
        public string Heartbeat { get; set; }
        public string Phase { get; set; }
        public long BootedMs { get; set; }
    }

    /// <summary>The per-VM arithmetic of the simulation, done here because readers (Get-VM on a 64-VM host)
    /// evaluate it for every VM on every call. Conversions follow PowerShell's casts ([int]/[long] of a
    /// double round half to even, [string]$null is "", -eq on strings ignores case).</summary>
    public static class LabSim
    {
        static readonly string[] ActiveStates = { "Running", "Starting", "Paused", "Stopping", "Saving", "Pausing", "Resuming" };

        internal static object Unwrap(object o)
        {
            var pso = o as PSObject;
            return pso == null ? o : pso.BaseObject;
        }

        internal static long L(object o) { o = Unwrap(o); return o == null ? 0L : (long)LanguagePrimitives.ConvertTo(o, typeof(long), CultureInfo.InvariantCulture); }
        internal static string S(object o) { o = Unwrap(o); return o == null ? "" : (string)LanguagePrimitives.ConvertTo(o, typeof(string), CultureInfo.InvariantCulture); }
        internal static object Get(object dict, string key)
        {
            var d = Unwrap(dict) as IDictionary;
            return d == null ? null : d[key];
        }

        static bool Eq(string a, string b) { return string.Equals(a, b, StringComparison.OrdinalIgnoreCase); }

        public static bool IsActive(string state)
        {
            foreach (var s in ActiveStates) if (Eq(state, s)) return true;
            return false;
        }

        /// <summary>The state a reader sees now: a stable state, or a transition still in progress.</summary>
        public static string VMState(object vm, long nowMs)
        {
            object t = Get(vm, "transition");
            if (t != null && nowMs < L(Get(t, "until"))) return S(Get(t, "state"));
            return S(Get(vm, "state"));
        }

        public static LabLive Live(object hostRec, object vm, long nowMs)
        {
            string state = VMState(vm, nowMs);
            int seed = LabUtil.Hash(S(Get(vm, "id")));
            object mem = Get(vm, "memory");
            var live = new LabLive { State = state, Phase = "off" };
            if (!IsActive(state))
            {
                if (Eq(state, "Saved")) live.Phase = "saved";
                return live;
            }
            long up = Math.Max(0L, nowMs - L(Get(vm, "startedAt")));
            live.UptimeMs = up;
            long bootMs = L(Get(Get(hostRec, "timings"), "guestBootMs"));
            live.BootedMs = up - bootMs;
            if (up < 1500) live.Phase = "firmware"; else if (up < bootMs) live.Phase = "boot"; else live.Phase = "login";
            long startup = L(Get(mem, "startup"));
            const long mb = 1048576;
            if (Eq(state, "Paused"))
            {
                live.Assigned = startup;
                live.Heartbeat = "Paused";
                return live;
            }
            // CPU: a boot burst, then a per-VM baseline with a slow wave and 5-second jitter.
            long bucket = (long)Math.Floor(nowMs / 5000.0);
            int jitter = LabUtil.Hash(seed.ToString(CultureInfo.InvariantCulture) + "/" + bucket.ToString(CultureInfo.InvariantCulture)) % 9;
            int cpu;
            if (up < bootMs) cpu = 45 + jitter * 4;
            else cpu = 2 + (seed % 18) + Convert.ToInt32(6 * Math.Sin(nowMs / 45000.0 + seed)) + jitter;
            live.Cpu = Math.Max(0, Math.Min(100, cpu));
            double ratio = 0.35 + ((seed % 40) / 100.0) + 0.05 * Math.Sin(nowMs / 60000.0 + seed);
            if (LanguagePrimitives.IsTrue(Get(mem, "dynamic")))
            {
                long minimum = L(Get(mem, "minimum"));
                long demand = Convert.ToInt64(Math.Max((double)minimum, startup * ratio) / mb) * mb;
                long assigned = Convert.ToInt64(demand * (1 + (int)LanguagePrimitives.ConvertTo(Get(mem, "buffer"), typeof(int), CultureInfo.InvariantCulture) / 100.0) / mb) * mb;
                if (up < bootMs) assigned = startup;
                assigned = Math.Min(L(Get(mem, "maximum")), Math.Max(minimum, assigned));
                live.Demand = demand;
                live.Assigned = assigned;
            }
            else
            {
                live.Assigned = startup;
                live.Demand = Convert.ToInt64(startup * ratio / mb) * mb;
            }
            if (up < bootMs || !LanguagePrimitives.IsTrue(Get(Get(vm, "guest"), "integrationServices"))) live.Heartbeat = "NoContact";
            else live.Heartbeat = "OkApplicationsHealthy";
            return live;
        }
    }

    /// <summary>Record look-ups over the state's lists, with PowerShell's semantics (first match, ids compared
    /// case-insensitively, a $null list is empty, a lone record is a list of one).</summary>
    public static class LabFind
    {
        static IEnumerable Items(object list)
        {
            list = LabSim.Unwrap(list);
            if (list == null) return new object[0];
            if (list is IDictionary || list is string || !(list is IEnumerable)) return new[] { list };
            return (IEnumerable)list;
        }

        static bool Matches(object record, string key, object value)
        {
            object v = LabSim.Unwrap(LabSim.Get(record, key));
            value = LabSim.Unwrap(value);
            if (v == null) return value == null;
            if (value == null) return false;
            return string.Equals(LabSim.S(v), LabSim.S(value), StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The first record whose [key] equals value, or null.</summary>
        public static object First(object list, string key, object value)
        {
            foreach (object o in Items(list)) if (Matches(o, key, value)) return LabSim.Unwrap(o);
            return null;
        }

        /// <summary>All records whose [key] equals value, in list order.</summary>
        public static ArrayList Where(object list, string key, object value)
        {
            var r = new ArrayList();
            foreach (object o in Items(list)) if (Matches(o, key, value)) r.Add(LabSim.Unwrap(o));
            return r;
        }

        /// <summary>Index of the records by [key] (first one wins), for resolving many ids at once.</summary>
        public static LabIndex Index(object list, string key)
        {
            var ix = new LabIndex();
            foreach (object o in Items(list)) ix.Add(LabSim.Unwrap(o), LabSim.Unwrap(LabSim.Get(o, key)));
            return ix;
        }

        /// <summary>Records ordered by the [long] value of [key]; records with equal keys keep their order.</summary>
        public static object[] SortByLong(object list, string key)
        {
            var items = new List<object>();
            foreach (object o in Items(list)) items.Add(o);
            var keys = new long[items.Count];
            for (int i = 0; i < keys.Length; i++) keys[i] = LabSim.L(LabSim.Get(items[i], key));
            var order = new int[items.Count];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, delegate(int a, int b) { int c = keys[a].CompareTo(keys[b]); return c != 0 ? c : a.CompareTo(b); });
            var r = new object[order.Length];
            for (int i = 0; i < order.Length; i++) r[i] = items[order[i]];
            return r;
        }
    }

    public sealed class LabIndex
    {
        readonly Dictionary<string, object> _first = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        readonly Dictionary<string, ArrayList> _all = new Dictionary<string, ArrayList>(StringComparer.OrdinalIgnoreCase);
        readonly ArrayList _nullKeyed = new ArrayList();

        internal void Add(object record, object key)
        {
            if (key == null) { _nullKeyed.Add(record); return; }
            string k = LabSim.S(key);
            if (!_first.ContainsKey(k)) _first[k] = record;
            ArrayList l;
            if (!_all.TryGetValue(k, out l)) { l = new ArrayList(); _all[k] = l; }
            l.Add(record);
        }

        /// <summary>The first record with this key, or null.</summary>
        public object Get(object key)
        {
            key = LabSim.Unwrap(key);
            if (key == null) return _nullKeyed.Count > 0 ? _nullKeyed[0] : null;
            object r;
            return _first.TryGetValue(LabSim.S(key), out r) ? r : null;
        }

        /// <summary>All records with this key, in list order (a new list).</summary>
        public ArrayList All(object key)
        {
            key = LabSim.Unwrap(key);
            if (key == null) return new ArrayList(_nullKeyed);
            ArrayList l;
            return _all.TryGetValue(LabSim.S(key), out l) ? new ArrayList(l) : new ArrayList();
        }
    }

    /// <summary>File helpers of the state store.</summary>
    public static class LabStore
    {
        /// <summary>Change stamp of the state file (write time and length); throws FileNotFoundException if it is gone.</summary>
        public static string Stamp(string file)
        {
            var fi = new System.IO.FileInfo(file);
            return fi.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) + ":" + fi.Length.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Replaces a file of the store (state.json, a VM's console text) atomically: a temp file in the same folder,
        /// renamed over the old one, so readers see the old or the new content, never half of it. durable: fsync the
        /// temp file before the rename (the state; console text is written on every key and is only screen text).
        /// The new file's write time is always later than the old one's (bumped by a tick when both fall in one clock
        /// tick), so Stamp() changes on every write and readers' caches never go stale.
        /// </summary>
        public static void WriteAtomic(string file, string text, bool durable)
        {
            string tmp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            byte[] bytes = new UTF8Encoding(false).GetBytes(text);
            try
            {
                using (var fs = new System.IO.FileStream(tmp, System.IO.FileMode.CreateNew, System.IO.FileAccess.Write, System.IO.FileShare.None))
                {
                    fs.Write(bytes, 0, bytes.Length);
                    if (durable) fs.Flush(true);
                }
                if (System.IO.File.Exists(file))
                {
                    DateTime old = System.IO.File.GetLastWriteTimeUtc(file);
                    if (System.IO.File.GetLastWriteTimeUtc(tmp) <= old) { System.IO.File.SetLastWriteTimeUtc(tmp, old.AddTicks(1)); }
                    System.IO.File.Replace(tmp, file, null);
                }
                else
                {
                    System.IO.File.Move(tmp, file);
                }
            }
            finally
            {
                // Only left behind when the write or the rename failed (the error propagates).
                if (System.IO.File.Exists(tmp)) { System.IO.File.Delete(tmp); }
            }
        }
    }

    /// <summary>Renders a text-mode screen (cols x rows cells of 8x16 px) and scales it to RGB565.</summary>
    public static class LabScreen
    {
        // 5x7 glyphs for ' ' (32) .. '`' (96); lower case is drawn with the upper-case glyph, anything
        // else (non-ASCII) as a hollow box, the way a text console without the code page would.
        static readonly string[] Glyphs = new string[] {
            ".....|.....|.....|.....|.....|.....|.....", // space
            "..#..|..#..|..#..|..#..|..#..|.....|..#..", // !
            ".#.#.|.#.#.|.....|.....|.....|.....|.....", // "
            ".#.#.|#####|.#.#.|.#.#.|.#.#.|#####|.#.#.", // #
            "..#..|.####|#.#..|.###.|..#.#|####.|..#..", // $
            "##...|##..#|...#.|..#..|.#...|#..##|...##", // %
            ".##..|#..#.|#.#..|.#...|#.#.#|#..#.|.##.#", // &
            "..#..|..#..|.....|.....|.....|.....|.....", // '
            "...#.|..#..|.#...|.#...|.#...|..#..|...#.", // (
            ".#...|..#..|...#.|...#.|...#.|..#..|.#...", // )
            ".....|..#..|#.#.#|.###.|#.#.#|..#..|.....", // *
            ".....|..#..|..#..|#####|..#..|..#..|.....", // +
            ".....|.....|.....|.....|.##..|..#..|.#...", // ,
            ".....|.....|.....|#####|.....|.....|.....", // -
            ".....|.....|.....|.....|.....|.##..|.##..", // .
            ".....|....#|...#.|..#..|.#...|#....|.....", // /
            ".###.|#...#|#..##|#.#.#|##..#|#...#|.###.", // 0
            "..#..|.##..|..#..|..#..|..#..|..#..|.###.", // 1
            ".###.|#...#|....#|...#.|..#..|.#...|#####", // 2
            "#####|...#.|..#..|...#.|....#|#...#|.###.", // 3
            "...#.|..##.|.#.#.|#..#.|#####|...#.|...#.", // 4
            "#####|#....|####.|....#|....#|#...#|.###.", // 5
            "..##.|.#...|#....|####.|#...#|#...#|.###.", // 6
            "#####|....#|...#.|..#..|.#...|.#...|.#...", // 7
            ".###.|#...#|#...#|.###.|#...#|#...#|.###.", // 8
            ".###.|#...#|#...#|.####|....#|...#.|.##..", // 9
            ".....|.##..|.##..|.....|.##..|.##..|.....", // :
            ".....|.##..|.##..|.....|.##..|..#..|.#...", // ;
            "...#.|..#..|.#...|#....|.#...|..#..|...#.", // <
            ".....|.....|#####|.....|#####|.....|.....", // =
            ".#...|..#..|...#.|....#|...#.|..#..|.#...", // >
            ".###.|#...#|....#|...#.|..#..|.....|..#..", // ?
            ".###.|#...#|....#|.##.#|#.#.#|#.#.#|.###.", // @
            ".###.|#...#|#...#|#####|#...#|#...#|#...#", // A
            "####.|#...#|#...#|####.|#...#|#...#|####.", // B
            ".###.|#...#|#....|#....|#....|#...#|.###.", // C
            "###..|#..#.|#...#|#...#|#...#|#..#.|###..", // D
            "#####|#....|#....|####.|#....|#....|#####", // E
            "#####|#....|#....|####.|#....|#....|#....", // F
            ".###.|#...#|#....|#.###|#...#|#...#|.####", // G
            "#...#|#...#|#...#|#####|#...#|#...#|#...#", // H
            ".###.|..#..|..#..|..#..|..#..|..#..|.###.", // I
            "..###|...#.|...#.|...#.|...#.|#..#.|.##..", // J
            "#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#", // K
            "#....|#....|#....|#....|#....|#....|#####", // L
            "#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#", // M
            "#...#|#...#|##..#|#.#.#|#..##|#...#|#...#", // N
            ".###.|#...#|#...#|#...#|#...#|#...#|.###.", // O
            "####.|#...#|#...#|####.|#....|#....|#....", // P
            ".###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#", // Q
            "####.|#...#|#...#|####.|#.#..|#..#.|#...#", // R
            ".####|#....|#....|.###.|....#|....#|####.", // S
            "#####|..#..|..#..|..#..|..#..|..#..|..#..", // T
            "#...#|#...#|#...#|#...#|#...#|#...#|.###.", // U
            "#...#|#...#|#...#|#...#|#...#|.#.#.|..#..", // V
            "#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#.", // W
            "#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#", // X
            "#...#|#...#|.#.#.|..#..|..#..|..#..|..#..", // Y
            "#####|....#|...#.|..#..|.#...|#....|#####", // Z
            ".###.|.#...|.#...|.#...|.#...|.#...|.###.", // [
            ".....|#....|.#...|..#..|...#.|....#|.....", // backslash
            ".###.|...#.|...#.|...#.|...#.|...#.|.###.", // ]
            "..#..|.#.#.|#...#|.....|.....|.....|.....", // ^
            ".....|.....|.....|.....|.....|.....|#####", // _
            ".#...|..#..|.....|.....|.....|.....|....."  // `
        };
        static readonly string Box = "#####|#...#|#...#|#...#|#...#|#...#|#####";
        static readonly Dictionary<char, string> Extra = new Dictionary<char, string> {
            { '{', "...##|..#..|..#..|.#...|..#..|..#..|...##" },
            { '|', "..#..|..#..|..#..|..#..|..#..|..#..|..#.." },
            { '}', "##...|..#..|..#..|...#.|..#..|..#..|##..." },
            { '~', ".....|.....|.#...|#.#.#|...#.|.....|....." },
            { '\u2588', "#####|#####|#####|#####|#####|#####|#####" }
        };

        static string GlyphFor(char c)
        {
            if (c >= 'a' && c <= 'z') c = char.ToUpperInvariant(c);
            if (c >= ' ' && c <= '`') return Glyphs[c - ' '];
            string g;
            if (Extra.TryGetValue(c, out g)) return g;
            return Box;
        }

        public const int CellW = 8, CellH = 16;

        /// <summary>Native framebuffer (cols*8 x rows*16) of 16-bit RGB565 pixels.</summary>
        public static ushort[] RenderNative(string[] lines, int cols, int rows, ushort fg, ushort bg)
        {
            int w = cols * CellW, h = rows * CellH;
            var px = new ushort[w * h];
            for (int i = 0; i < px.Length; i++) px[i] = bg;
            for (int r = 0; r < rows && r < lines.Length; r++)
            {
                string line = lines[r] ?? "";
                for (int col = 0; col < cols && col < line.Length; col++)
                {
                    char ch = line[col];
                    if (ch == ' ') continue;
                    string[] g = GlyphFor(ch).Split('|');
                    for (int gy = 0; gy < 7; gy++)
                        for (int gx = 0; gx < 5; gx++)
                        {
                            if (g[gy][gx] != '#') continue;
                            int x = col * CellW + 1 + gx, y = r * CellH + 1 + gy * 2;
                            px[y * w + x] = fg;
                            px[(y + 1) * w + x] = fg;
                        }
                }
            }
            return px;
        }

        /// <summary>The screen scaled (nearest neighbour) to width x height, as little-endian RGB565 bytes.</summary>
        public static byte[] Render(string[] lines, int cols, int rows, int width, int height, ushort fg, ushort bg)
        {
            if (width <= 0 || height <= 0) return new byte[0];
            ushort[] src = RenderNative(lines, cols, rows, fg, bg);
            int sw = cols * CellW, sh = rows * CellH;
            var bytes = new byte[width * height * 2];
            for (int y = 0; y < height; y++)
            {
                int sy = (int)((long)y * sh / height);
                for (int x = 0; x < width; x++)
                {
                    int sx = (int)((long)x * sw / width);
                    ushort v = src[sy * sw + sx];
                    int o = (y * width + x) * 2;
                    bytes[o] = (byte)(v & 0xFF);
                    bytes[o + 1] = (byte)(v >> 8);
                }
            }
            return bytes;
        }

        public static ushort Rgb565(int r, int g, int b)
        {
            return (ushort)(((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3));
        }
    }

    /// <summary>A PowerShell job whose work is a script run in a fresh runspace (the lab modules autoload
    /// there). Progress, output and errors flow into the job's streams; StopJob stops the pipeline, so the
    /// script's finally blocks clean up partial work.</summary>
    public class LabJob : Job
    {
        readonly PowerShell _ps;
        readonly PSDataCollection<PSObject> _out = new PSDataCollection<PSObject>();
        readonly string _location;
        bool _stopRequested;

        public LabJob(string command, string name, string location, string script, object argument) : base(command, name)
        {
            _location = location;
            PSJobTypeName = "HyperdeskLabJob";
            var rs = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault());
            rs.Open();
            _ps = PowerShell.Create();
            _ps.Runspace = rs;
            _ps.AddScript(script).AddArgument(argument);
            _ps.Streams.Progress.DataAdded += delegate(object s, DataAddedEventArgs e) { Progress.Add(_ps.Streams.Progress[e.Index]); };
            _ps.Streams.Error.DataAdded += delegate(object s, DataAddedEventArgs e) { Error.Add(_ps.Streams.Error[e.Index]); };
            _ps.Streams.Warning.DataAdded += delegate(object s, DataAddedEventArgs e) { Warning.Add(_ps.Streams.Warning[e.Index]); };
            _out.DataAdded += delegate(object s, DataAddedEventArgs e) { Output.Add(_out[e.Index]); };
            _ps.InvocationStateChanged += OnStateChanged;
        }

        void OnStateChanged(object sender, PSInvocationStateChangedEventArgs e)
        {
            switch (e.InvocationStateInfo.State)
            {
                case PSInvocationState.Completed:
                    SetJobState(_stopRequested ? JobState.Stopped : (Error.Count > 0 ? JobState.Failed : JobState.Completed));
                    Close();
                    break;
                case PSInvocationState.Failed:
                    if (e.InvocationStateInfo.Reason != null)
                    {
                        var rec = e.InvocationStateInfo.Reason as IContainsErrorRecord;
                        Error.Add(rec != null ? rec.ErrorRecord : new ErrorRecord(e.InvocationStateInfo.Reason, "LabJobFailed", ErrorCategory.OperationStopped, null));
                    }
                    SetJobState(_stopRequested ? JobState.Stopped : JobState.Failed);
                    Close();
                    break;
                case PSInvocationState.Stopped:
                    SetJobState(JobState.Stopped);
                    Close();
                    break;
            }
        }

        void Close()
        {
            var rs = _ps.Runspace;
            System.Threading.ThreadPool.QueueUserWorkItem(delegate { try { rs.Dispose(); } catch (Exception) { /* runspace already gone */ } });
        }

        public void Start()
        {
            SetJobState(JobState.Running);
            _ps.BeginInvoke<PSObject, PSObject>(null, _out);
        }

        public override void StopJob()
        {
            _stopRequested = true;
            _ps.Stop();
        }

        public override bool HasMoreData { get { return Output.Count > 0 || Error.Count > 0 || Progress.Count > 0 || Warning.Count > 0; } }
        public override string Location { get { return _location; } }
        public override string StatusMessage { get { return ""; } }
    }
}
