#pragma once

#include "media/productimage.h"

#include <vector>

namespace Shop::Demo {

// The demo store's vocabulary: 20 departments (parent categories) of 10 categories each, with the
// words product names and descriptions are made of, and what each category's pictures show.
struct DemoCategorySpec
{
    const char *name; // "Smart Bulbs"
    const char *noun; // what one product is called: "Smart Bulb", "Bluetooth Speaker"
    ProductShape shape; // what its products' pictures show: a bulb
};

struct DemoDepartmentSpec
{
    const char *name; // "Electronics"
    const char *code; // three letters for SKUs: "ELE"
    int minPrice; // whole currency units
    int maxPrice;
    std::vector<DemoCategorySpec> categories;
    std::vector<const char *> adjectives;
    std::vector<const char *> materials;
    std::vector<const char *> features; // description phrases
    std::vector<const char *> uses; // "commuting", "the home office"
};

[[nodiscard]] const std::vector<DemoDepartmentSpec> &demoDepartments();
[[nodiscard]] const std::vector<const char *> &demoBrands();

} // namespace Shop::Demo
