"""Contract entries of scaling.hardware (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import BYTES, H100, HOURS, MFU, PEAK, PRICE, C, Exempt, F, Fixed, N, Num

ENTRIES = {
    "scaling.hardware.Accelerator": F(
        returns="object",
        name=Fixed("GPU"),
        peak_flops=PEAK,
        sparse_headline_flops=Fixed(None),
        memory_bytes=BYTES,
        bandwidth=Num(1e11, 1e13),
        power_watts=Num(100, 2000, optional=True),
        source=Fixed("spec sheet"),
    ),
    "scaling.hardware.suggest_accelerators": Exempt("name lookup (strings); tests/test_hardware.py"),
    "scaling.hardware.get_accelerator": Exempt("name lookup (strings); tests/test_hardware.py"),
    "scaling.hardware.gpu_seconds": F(flops=C, peak_flops=PEAK, mfu=MFU),
    "scaling.hardware.gpu_hours": F(flops=C, peak_flops=PEAK, mfu=MFU),
    "scaling.hardware.implied_mfu": F(
        flops=Num(1e20, 1e22), reported_gpu_hours=Num(1e5, 1e7), peak_flops=Num(3e14, 1e15)
    ),
    "scaling.hardware.days_on_cluster": F(gpu_hours_total=HOURS, n_gpus=Num(1, 1e5)),  # n_gpus may be an average
    "scaling.hardware.training_cost": F(
        gpu_hours_total=Num(0, 1e8, "nonnegative", log=False), price_per_gpu_hour=PRICE
    ),
    "scaling.hardware.flops_for_dollars": F(dollars=Num(1e3, 1e10), price_per_gpu_hour=PRICE, peak_flops=PEAK, mfu=MFU),
    "scaling.hardware.energy_mwh": F(
        gpu_hours_total=Num(0, 1e8, "nonnegative", log=False),
        power_watts=Num(100, 2000),
        pue=Num(1.0, 2.0, "at_least_one", log=False, extreme=(1.0, 10.0), invalid=(0.5, 11.0)),
    ),
    "scaling.hardware.training_memory_bytes": F(n_params=N, bytes_per_param=Num(1, 20)),
    "scaling.hardware.weight_bytes": F(n_params=N, bytes_per_param=Num(0.5, 4)),
    "scaling.hardware.kv_cache_bytes": F(
        n_layer=Num(1, 128), n_kv_heads=Num(1, 64), head_dim=Num(32, 256), context_tokens=Num(1, 1e6), batch=Num(1, 512)
    ),
    "scaling.hardware.serving_memory_bytes": F(n_params=N, kv_cache=Num(0, 1e12, "nonnegative", log=False)),
    "scaling.hardware.min_gpus": F(
        returns="object", memory_bytes=BYTES, gpu_memory_bytes=Num(1e10, 3e11), usable_fraction=MFU
    ),
    "scaling.hardware.min_gpus_to_train": F(returns="object", n_params=N, gpu=H100),
    "scaling.hardware.min_gpus_to_serve": F(returns="object", n_params=N, gpu=H100),
    "scaling.hardware.compute_bound_tokens_per_second": F(n_active_params=N, peak_flops=PEAK, mfu=MFU),
    "scaling.hardware.bandwidth_bound_tokens_per_second": F(
        weight_bytes_read=BYTES, bandwidth=Num(1e11, 1e13), batch=Num(1, 512)
    ),
    "scaling.hardware.decode_tokens_per_second": F(
        n_active_params=N, weight_bytes_read=BYTES, peak_flops=PEAK, bandwidth=Num(1e11, 1e13)
    ),
    "scaling.hardware.cost_per_million_tokens": F(tokens_per_second_per_gpu=Num(1, 1e5), price_per_gpu_hour=PRICE),
    "scaling.hardware.ReportedUtilisation": Exempt("catalogue record of published utilisation (constants)"),
    "scaling.hardware.RunEstimate": Exempt("result record built by estimate_run"),
    "scaling.hardware.estimate_run": F(
        returns="object", flops=C, gpu=H100, mfu=MFU, n_gpus=Num(1, 1e5), price_per_gpu_hour=PRICE
    ),
    "scaling.hardware.max_batch_in_memory": F(
        returns="object",
        memory_bytes=Num(8e10, 1e11),
        weight_bytes_held=Num(1e9, 1e10),
        kv_bytes_per_sequence=Num(1e6, 1e9),
    ),
}
