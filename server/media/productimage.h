#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace Shop::Demo {

Q_NAMESPACE

// What a product picture shows: one drawn object per kind of product. The demo store gives each
// of its 200 categories its own shape (server/db/democatalog.cpp); they are listed here in the
// order of the demo departments.
enum class ProductShape {
    // Electronics
    Headphones,
    Earbuds,
    Speaker,
    Soundbar,
    Smartwatch,
    FitnessTracker,
    Charger,
    Cable,
    PowerBank,
    ActionCamera,
    // Computers
    Laptop,
    GamingLaptop,
    Monitor,
    Keyboard,
    Mouse,
    LaptopBag,
    LaptopStand,
    DockingStation,
    Webcam,
    ExternalDrive,
    // Networking and smart home
    Router,
    MeshWifi,
    NetworkSwitch,
    SmartPlug,
    Bulb,
    SecurityCamera,
    Doorbell,
    Thermostat,
    SmartLock,
    RangeExtender,
    // Kitchen
    Cookware,
    FryingPan,
    KnifeBlock,
    CuttingBoard,
    MixingBowls,
    Kettle,
    CoffeeMaker,
    Blender,
    Toaster,
    FoodContainers,
    // Furniture and home
    OfficeChair,
    Desk,
    Bookshelf,
    Sofa,
    Bed,
    Mattress,
    TableLamp,
    Rug,
    Curtains,
    WallClock,
    // Tools
    Drill,
    Screwdrivers,
    Wrenches,
    Hammer,
    Toolbox,
    TapeMeasure,
    CircularSaw,
    Ladder,
    WorkLight,
    Clamp,
    // Garden
    GardenHose,
    PruningShears,
    LawnMower,
    Plant,
    Grill,
    PatioChair,
    SolarLight,
    Wheelbarrow,
    Sprinkler,
    BirdFeeder,
    // Sports and fitness
    Dumbbell,
    YogaMat,
    ResistanceBand,
    Treadmill,
    ExerciseBike,
    Kettlebell,
    JumpRope,
    WaterBottle,
    DuffelBag,
    FoamRoller,
    // Camping
    Tent,
    SleepingBag,
    Backpack,
    TrekkingPoles,
    CampStove,
    Headlamp,
    Cooler,
    Hammock,
    Binoculars,
    MultiTool,
    // Men's clothing
    TShirt,
    Jeans,
    Jacket,
    Hoodie,
    Sweater,
    DressShirt,
    Shorts,
    Socks,
    Belt,
    Cap,
    // Women's clothing
    Dress,
    Blouse,
    Leggings,
    Skirt,
    Cardigan,
    Coat,
    Scarf,
    Handbag,
    Sunglasses,
    Pajamas,
    // Shoes
    RunningShoe,
    HikingBoot,
    Sneaker,
    Sandal,
    Loafer,
    WorkBoot,
    Slipper,
    DressShoe,
    TrailShoe,
    RainBoot,
    // Beauty
    HairDryer,
    Toothbrush,
    Shaver,
    HairStraightener,
    MakeupBrushes,
    Serum,
    CreamJar,
    Bottle,
    Perfume,
    NailKit,
    // Health
    BloodPressureMonitor,
    Thermometer,
    FirstAidKit,
    MassageGun,
    HeatingPad,
    PillOrganizer,
    BathroomScale,
    Humidifier,
    AirPurifier,
    KneeBrace,
    // Automotive
    CarCharger,
    DashCam,
    PhoneMount,
    SeatCover,
    FloorMat,
    TireInflator,
    JumpStarter,
    CarVacuum,
    WiperBlade,
    RoofRack,
    // Office
    Notebook,
    Pens,
    DeskOrganizer,
    Stapler,
    LabelMaker,
    Printer,
    Shredder,
    Whiteboard,
    FileCabinet,
    Calculator,
    // Pets
    DogBed,
    CatTree,
    PetBowl,
    Leash,
    DogToy,
    LitterBox,
    PetCarrier,
    Aquarium,
    PetFeeder,
    GroomingKit,
    // Toys
    Bricks,
    BoardGame,
    Puzzle,
    RcCar,
    Doll,
    ActionFigure,
    TeddyBear,
    Drone,
    ScienceKit,
    PlayingCards,
    // Baby
    Stroller,
    CarSeat,
    HighChair,
    BabyMonitor,
    Crib,
    DiaperBag,
    BabyBottle,
    PlayMat,
    KidsBackpack,
    Teether,
    // Music
    Guitar,
    ElectricGuitar,
    DigitalPiano,
    DrumKit,
    Microphone,
    AudioInterface,
    StudioMonitor,
    Turntable,
    GuitarAmp,
    Ukulele,
};
Q_ENUM_NS(ProductShape)

inline constexpr int ProductShapeCount = int(ProductShape::Ukulele) + 1;

// A generated product picture: an SVG of the product's kind of object in the product's colour, on
// a tinted background, varied per product (background pattern, pose, size, optional parts), with
// a caption. QtCore only; 0.7 to 3.3 KB per image (the demo store averages 1.6 KB), always under
// 4 KB.
struct ProductImage
{
    ProductShape shape = ProductShape::Bricks;
    quint32 color = 0x2f6fb0; // the product's colour, 0xRRGGBB
    quint32 accent = 0xf2a541; // details: stripes, lights, labels
    quint32 background = 0xeef3f8; // a light tint of the department's colour
    quint32 variant = 0; // any number: picks the pattern, pose, size and optional parts
    QString caption; // small text under the object ("Redwood T125"); escaped here

    // A standalone SVG document (UTF-8), 400 x 400.
    [[nodiscard]] QByteArray toSvg() const;

    [[nodiscard]] static QString contentType() { return QStringLiteral("image/svg+xml"); }
};

} // namespace Shop::Demo
