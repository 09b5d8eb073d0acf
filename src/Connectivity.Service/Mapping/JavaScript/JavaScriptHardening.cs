using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Connectivity.Service.Mapping.JavaScript;

/// <summary>
/// Guards a fresh engine's built-in functions against what Jint's own limits do not see (a .NET stack overflow cannot
/// be caught, and Jint checks time only between statements):
/// <list type="bullet">
/// <item>every native method of the built-in prototypes and of <c>JSON</c> refuses to start after the deadline and to
/// nest more than <see cref="MaxNativeNesting"/> deep, so native-to-native recursion
/// (<c>o.toString = Object.prototype.toLocaleString</c>) ends in a <c>RangeError</c>;</item>
/// <item>callbacks that natives invoke (<c>reduce</c>, <c>map</c>, <c>sort</c>, <c>replace</c>, revivers, replacers)
/// count against the statement budget, so built-in functions cannot build unbounded nesting without statements;</item>
/// <item><c>JSON.parse</c> refuses text nested deeper than <see cref="MappingSettings.MaxJsonNestingDepth"/>;</item>
/// <item><c>Array.prototype.join</c>, quadratic in Jint 2.x (200 000 elements took 20 s), is replaced by a linear one.</item>
/// </list>
/// </summary>
internal sealed class JavaScriptHardening
{
    /// <summary>How deeply calls of built-in functions may nest (a <c>toString</c> of nested arrays nests once per level).</summary>
    public const int MaxNativeNesting = 1000;

    /// <summary>Methods that invoke a callback, and the position of the callback among their arguments.</summary>
    private static readonly Dictionary<string, int> CallbackMethods = new(StringComparer.Ordinal)
    {
        ["forEach"] = 0, ["map"] = 0, ["filter"] = 0, ["some"] = 0, ["every"] = 0, ["reduce"] = 0, ["reduceRight"] = 0,
        ["sort"] = 0, ["replace"] = 1, ["parse"] = 1, ["stringify"] = 1,
    };

    private readonly Engine engine;
    private readonly MappingSettings settings;
    private long started = Stopwatch.GetTimestamp();
    private int callbacks;
    private int nesting;

    private JavaScriptHardening(Engine engine, MappingSettings settings)
    {
        this.engine = engine;
        this.settings = settings;
    }

    /// <summary>Guards <paramref name="engine"/>; the returned guard is <see cref="Reset"/> before every further call.</summary>
    public static JavaScriptHardening Apply(Engine engine, MappingSettings settings)
    {
        var hardening = new JavaScriptHardening(engine, settings);
        var arrayPrototype = engine.Array.Get("prototype").AsObject();
        arrayPrototype.FastSetProperty("join", new PropertyDescriptor(new ClrFunctionInstance(engine, hardening.Join, 1), true, false, true));
        ObjectInstance[] constructors =
        [
            engine.Object, engine.Function, engine.Array, engine.String, engine.Boolean, engine.Number, engine.Date,
            engine.RegExp, engine.Error,
        ];
        foreach (var constructor in constructors)
        {
            hardening.GuardMethods(constructor.Get("prototype").AsObject());
        }

        hardening.GuardMethods(engine.Json);
        return hardening;
    }

    /// <summary>Starts a new call: a new deadline, no callbacks counted, no native nesting.</summary>
    public void Reset()
    {
        started = Stopwatch.GetTimestamp();
        callbacks = 0;
        nesting = 0;
    }

    private void GuardMethods(ObjectInstance target)
    {
        foreach (var (name, descriptor) in target.GetOwnProperties().ToList())
        {
            if (descriptor.Value is { } value && value.IsObject() && value.AsObject() is ClrFunctionInstance native)
            {
                var guarded = Guard(native, name == "parse" && target == engine.Json, CallbackMethods.GetValueOrDefault(name, -1));
                target.FastSetProperty(name, new PropertyDescriptor(guarded, descriptor.Writable, descriptor.Enumerable, descriptor.Configurable));
            }
        }
    }

    private ClrFunctionInstance Guard(ClrFunctionInstance native, bool checkJsonText, int callbackIndex)
    {
        var length = (int)native.Get("length").AsNumber();
        return new ClrFunctionInstance(engine, (self, arguments) =>
        {
            CheckDeadline();
            if (++nesting > MaxNativeNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                nesting--;
                throw new JavaScriptException(engine.RangeError, "Maximum call stack size exceeded");
            }

            try
            {
                if (checkJsonText && arguments.Length > 0 && arguments[0].IsString()
                    && !JsonNestingScanner.IsWithin(arguments[0].AsString(), settings.MaxJsonNestingDepth))
                {
                    throw new JavaScriptException(engine.SyntaxError, $"JSON nested deeper than {settings.MaxJsonNestingDepth} levels");
                }

                return native.Call(self, WithCountedCallback(arguments, callbackIndex));
            }
            finally
            {
                nesting--;
            }
        }, length);
    }

    private JsValue[] WithCountedCallback(JsValue[] arguments, int index)
    {
        if (index < 0 || index >= arguments.Length || !arguments[index].IsObject() || arguments[index].AsObject() is not FunctionInstance callback)
        {
            return arguments;
        }

        var counted = (JsValue[])arguments.Clone();
        counted[index] = new ClrFunctionInstance(engine, (self, args) =>
        {
            if (++callbacks > settings.MaxScriptStatements)
            {
                throw new JavaScriptException(engine.RangeError, $"Built-in functions invoked more than {settings.MaxScriptStatements} callbacks");
            }

            return callback.Call(self, args);
        }, (int)callback.Get("length").AsNumber());
        return counted;
    }

    /// <summary><c>Array.prototype.join</c> (ES5 §15.4.4.5) in linear time, checking the deadline as it goes.</summary>
    private JsValue Join(JsValue self, JsValue[] arguments)
    {
        var target = TypeConverter.ToObject(engine, self);
        var length = TypeConverter.ToUint32(target.Get("length"));
        var separator = arguments.Length == 0 || arguments[0].IsUndefined() ? "," : TypeConverter.ToString(arguments[0]);
        var text = new StringBuilder();
        for (uint i = 0; i < length; i++)
        {
            if ((i & 0xFFF) == 0)
            {
                CheckDeadline();
            }

            if (i > 0)
            {
                text.Append(separator);
            }

            var element = target.Get(TypeConverter.ToString(i));
            if (!element.IsUndefined() && !element.IsNull())
            {
                text.Append(TypeConverter.ToString(element));
            }
        }

        return text.ToString();
    }

    private void CheckDeadline()
    {
        if (Stopwatch.GetElapsedTime(started) > settings.MaxScriptExecutionTime)
        {
            throw new TimeoutException();
        }
    }
}
