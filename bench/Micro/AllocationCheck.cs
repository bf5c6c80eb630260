using System.Reflection;

namespace WLSockets.Benchmarks;

/// <summary>Exact bytes allocated per operation on the calling thread, after a warm-up (steady state).</summary>
public static class AllocationCheck
{
    public static double BytesPerOperation(Type type, string method, IReadOnlyDictionary<string, object> parameters)
    {
        object instance = Activator.CreateInstance(type)!;
        foreach ((string name, object value) in parameters)
        {
            type.GetProperty(name)!.SetValue(instance, value);
        }

        type.GetMethod("SetUp")!.Invoke(instance, null);
        Func<int> run = type.GetMethod(method)!.CreateDelegate<Func<int>>(instance);
        int size = (int)parameters["Size"];
        int operations = Math.Clamp(32 * 1024 * 1024 / size, 20, 2000);
        for (int i = 0; i < operations; i++)
        {
            run(); // warm-up: pools filled, buffers grown, methods tiered
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < operations; i++)
        {
            run();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        type.GetMethod("CleanUp")?.Invoke(instance, null);
        return (double)allocated / operations;
    }
}
