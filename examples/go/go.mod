module libvision.invalid/vision

go 1.19
